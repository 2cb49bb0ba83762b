package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A Memo remembers, for each directory ergen writes a package into, what
// the last run made there and from what, so that a run with the same
// inputs over files nobody has touched since can skip making them: a
// 600-file Go package takes most of a run to build and none to compare.
//
// A memo is a shortcut for writing and nothing else. It is kept in the
// user's cache directory, which a change to a repository cannot write, and
// it vouches only for files whose bytes on disk still have the digests it
// recorded, with nothing beside them that a full run would remove (a stale
// file with ergen's header, a killed run's temporary file) or refuse (a
// read-only or irregular file). Anything else, and any record it cannot
// read, makes the run do the work. A check (--check) never consults it.
//
// A run may also record, beside each file's digest, what it made the
// file from (an input, one line of the run's own making); a later run
// whose inputs differ in part can then leave as they are the files the
// memo finds with their recorded bytes (Reusable) and that it would make
// from the same input, and make the others.
type Memo struct {
	dir string // the memo's own directory; "" for none
}

// Key is what a directory's files were made from: the digest of every
// input of the run that made them (see NewKey).
type Key [sha256.Size]byte

// Digest is the SHA-256 of a file's bytes.
type Digest [sha256.Size]byte

// NewKey digests parts, each prefixed with its length so that no two
// lists of parts digest alike.
func NewKey(parts ...[]byte) Key {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	return Key(h.Sum(nil))
}

// memoFormat opens every record; a record of another format is not read.
const memoFormat = "ergen memo 2"

// memoTrimAge is how long a record no run has used is kept: a directory
// written once (a test's, a removed checkout's) leaves one record, which
// a later run removes.
const memoTrimAge = 30 * 24 * time.Hour

// recordName matches the names of records: the hex SHA-256 of a
// directory's path.
var recordName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// OpenMemo returns the memo kept in dir ("" for none: it remembers
// nothing and finds nothing unchanged).
func OpenMemo(dir string) *Memo {
	if dir == "" {
		return &Memo{}
	}
	return &Memo{dir: filepath.Join(dir, "memo")}
}

// Off reports whether the memo is none (OpenMemo("")): what a run would
// record for it is never kept.
func (m *Memo) Off() bool { return m.dir == "" }

// record is the file holding what the memo knows of outDir, named by the
// digest of outDir's absolute path.
func (m *Memo) record(outDir string) (abs, path string, ok bool) {
	if m.dir == "" {
		return "", "", false
	}
	abs, err := filepath.Abs(outDir)
	if err != nil {
		return "", "", false
	}
	sum := sha256.Sum256([]byte(abs))
	return abs, filepath.Join(m.dir, hex.EncodeToString(sum[:])), true
}

// read returns what the memo recorded of outDir (see parseRecord), made
// with key (with any key when key is nil), and the record's path; ok is
// false when it has no such record, or none it can read.
func (m *Memo) read(outDir string, key *Key) (path string, files map[string]Digest, inputs map[string][]byte, ok bool) {
	abs, path, ok := m.record(outDir)
	if !ok {
		return "", nil, nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, nil, false
	}
	files, inputs, ok = parseRecord(data, abs, key)
	return path, files, inputs, ok
}

// Unchanged reports whether outDir holds exactly what a run with key made
// there last, as far as a run of key would change it: every file recorded,
// regular, writable and with its recorded digest, no temporary file of a
// killed run, and no other file that the run would remove or refuse
// (stale, given the path of each entry that is not a directory and
// whether it is a regular file, says which: for a Go package, a Go file
// with ergen's header, and any Go entry that is not a regular file, which
// a run may refuse).
func (m *Memo) Unchanged(outDir string, key Key, stale func(path string, regular bool) bool) bool {
	path, files, _, ok := m.read(outDir, &key)
	if !ok {
		return false
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return false
	}
	var check []string // the recorded files, to read
	for _, ent := range entries {
		name := ent.Name()
		_, recorded := files[name]
		switch {
		case tempFile.MatchString(name):
			return false
		case !recorded:
			if !ent.IsDir() && stale(filepath.Join(outDir, name), ent.Type().IsRegular()) {
				return false // a full run would remove it, or refuse to
			}
			continue
		case !ent.Type().IsRegular():
			return false
		}
		if info, err := ent.Info(); err != nil || !writable(info.Mode()) {
			return false
		}
		check = append(check, name)
	}
	if len(check) != len(files) || !digestsMatch(outDir, check, files) {
		return false
	}
	if info, err := os.Stat(path); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
		now := time.Now()
		os.Chtimes(path, now, now) //nolint:errcheck // only keeps the record from being trimmed
	}
	return true
}

// digestsMatch reports whether each file of names in dir has its digest
// in files, stopping at the first that differs.
func digestsMatch(dir string, names []string, files map[string]Digest) bool {
	return !eachFile(len(names), func(i int) bool { return hasDigest(dir, names[i], files) })
}

// digestsEqual reports for each file of names in dir whether it has its
// digest in files.
func digestsEqual(dir string, names []string, files map[string]Digest) []bool {
	same := make([]bool, len(names))
	eachFile(len(names), func(i int) bool {
		same[i] = hasDigest(dir, names[i], files)
		return true
	})
	return same
}

// hasDigest reports whether the file name in dir has its digest in files.
func hasDigest(dir, name string, files map[string]Digest) bool {
	b, err := os.ReadFile(filepath.Join(dir, name))
	return err == nil && Digest(sha256.Sum256(b)) == files[name]
}

// eachFile calls do for 0 to n-1 on up to four goroutines (reading and
// hashing a 600-file package is a quarter of an unchanged run), taking
// no further i once do returns false.
func eachFile(n int, do func(i int) bool) (stopped bool) {
	var (
		next atomic.Int64
		stop atomic.Bool
		wg   sync.WaitGroup
	)
	for range min(4, runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if !do(i) {
					stop.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	return stop.Load()
}

// GeneratedFile reports whether the file at path starts with ergen's
// header (IsGenerated), reading no more of it than a header line could
// take; head is what it read.
func GeneratedFile(path string) (head []byte, ok bool) {
	// Only a regular file is read: opening a FIFO would wait for a writer.
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return nil, false
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, _ := io.ReadFull(f, b)
	return b[:n], IsGenerated(b[:n])
}

// parseRecord reads a record of abs made with key (with any key when
// key is nil): its files, their digests and the inputs the run recorded
// of them. ok is false for a record of another directory, key or
// format.
func parseRecord(data []byte, abs string, key *Key) (files map[string]Digest, inputs map[string][]byte, ok bool) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	want := []string{memoFormat, "dir " + abs}
	for _, w := range want {
		if !sc.Scan() || sc.Text() != w {
			return nil, nil, false
		}
	}
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "key ") || key != nil && sc.Text() != "key "+hex.EncodeToString(key[:]) {
		return nil, nil, false
	}
	files, inputs = map[string]Digest{}, map[string][]byte{}
	for sc.Scan() {
		line, input, hasInput := strings.Cut(sc.Text(), "\t")
		sum, name, found := strings.Cut(line, " ")
		var d Digest
		if n, err := hex.Decode(d[:], []byte(sum)); !found || err != nil || n != len(d) || name == "" {
			return nil, nil, false
		}
		files[name] = d
		if hasInput {
			inputs[name] = []byte(input)
		}
	}
	return files, inputs, sc.Err() == nil
}

// Prior is what the memo knows of a file a run made: the input the run
// recorded of it (see Remember).
type Prior struct {
	Digest Digest
	Input  []byte
}

// Reusable returns, of the files the last run recorded in outDir with an
// input, whatever its key, those whose bytes on disk still have their
// recorded digests and that are regular and writable: those a run may
// leave as they are when it would make them from the same input, since
// a full run would write what they hold. The caller holds outDir's lock
// (Writer.Begin), so that no other run changes them before it commits.
func (m *Memo) Reusable(outDir string) map[string]Prior {
	_, files, inputs, ok := m.read(outDir, nil)
	if !ok || len(inputs) == 0 {
		return nil
	}
	var names []string
	for name := range inputs {
		info, err := os.Lstat(filepath.Join(outDir, name))
		if err == nil && info.Mode().IsRegular() && writable(info.Mode()) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	out := map[string]Prior{}
	for i, same := range digestsEqual(outDir, names, files) {
		if same {
			out[names[i]] = Prior{Digest: files[names[i]], Input: inputs[names[i]]}
		}
	}
	return out
}

// Remember records that a run with key left outDir holding files (names
// in outDir, and the digests of their bytes), with inputs, what the run
// knows of what some of them were made from (see Reusable; one line of
// text each), replacing what the memo knew of outDir. It is called once
// the files are in place; a record that cannot be written only makes the
// next run do the work again.
func (m *Memo) Remember(outDir string, key Key, files map[string]Digest, inputs map[string][]byte) error {
	abs, path, ok := m.record(outDir)
	if !ok {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\ndir %s\nkey %s\n", memoFormat, abs, hex.EncodeToString(key[:]))
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.ContainsAny(name, "\t\r\n/"+string(filepath.Separator)) {
			return fmt.Errorf("memo: %q is not a file name of one directory", name)
		}
		if bytes.ContainsAny(inputs[name], "\r\n") {
			return fmt.Errorf("memo: the input of %s is not one line", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		d := files[name]
		fmt.Fprintf(&b, "%s %s", hex.EncodeToString(d[:]), name)
		if in, ok := inputs[name]; ok {
			b.WriteByte('\t')
			b.Write(in)
		}
		b.WriteByte('\n')
	}
	if err := os.MkdirAll(m.dir, 0o700); err != nil {
		return err
	}
	m.trim()
	tmp, err := os.CreateTemp(m.dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// trim removes, at most once a day, the records no run has used or made
// for memoTrimAge, and temporary files older than a day.
func (m *Memo) trim() {
	stamp := filepath.Join(m.dir, "trimmed")
	if info, err := os.Stat(stamp); err == nil && time.Since(info.ModTime()) < 24*time.Hour {
		return
	}
	if err := os.WriteFile(stamp, nil, 0o600); err != nil {
		return
	}
	now := time.Now()
	os.Chtimes(stamp, now, now) //nolint:errcheck // at worst it trims again tomorrow
	entries, _ := os.ReadDir(m.dir)
	for _, ent := range entries {
		name := ent.Name()
		record, temp := recordName.MatchString(name), strings.HasPrefix(name, ".tmp-")
		info, err := ent.Info()
		if err != nil || !ent.Type().IsRegular() || !record && !temp {
			continue // not the memo's
		}
		age := now.Sub(info.ModTime())
		if record && age > memoTrimAge || temp && age > 24*time.Hour {
			os.Remove(filepath.Join(m.dir, ent.Name())) //nolint:errcheck // another run may have removed it
		}
	}
}
