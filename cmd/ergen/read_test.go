package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// writeTemp writes content to a new file in a temporary directory and
// returns it open for reading.
func writeTemp(t *testing.T, content string) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model.er")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readAtMost reads a regular file into a buffer of its stat size and one
// byte more, which holds the whole file without growing; a reader that
// says no size is read whole all the same; and what passes the limit
// is refused.
func TestReadAtMost(t *testing.T) {
	const limit = 16
	model := "entity A { }\n" // 13 bytes
	for _, tc := range []struct {
		name    string
		open    func(t *testing.T) io.Reader
		want    string
		tooBig  bool
		wantCap int // of the buffer read into; 0: not checked
	}{
		{"a file, at its size", func(t *testing.T) io.Reader { return writeTemp(t, model) }, model, false, len(model) + 1},
		{"an empty file", func(t *testing.T) io.Reader { return writeTemp(t, "") }, "", false, 1},
		{"a file at the limit", func(t *testing.T) io.Reader { return writeTemp(t, strings.Repeat("x", limit)) },
			strings.Repeat("x", limit), false, limit + 1},
		{"a file one byte over the limit", func(t *testing.T) io.Reader { return writeTemp(t, strings.Repeat("x", limit+1)) },
			"", true, 0},
		{"a reader that is not a file", func(*testing.T) io.Reader { return strings.NewReader(model) }, model, false, 0},
		{"a reader of one byte at a time", func(*testing.T) io.Reader {
			return iotest.OneByteReader(strings.NewReader(model))
		}, model, false, 0},
		{"a reader ending with its last bytes", func(*testing.T) io.Reader {
			return iotest.DataErrReader(strings.NewReader(model))
		}, model, false, 0},
		{"a reader at the limit", func(*testing.T) io.Reader { return strings.NewReader(strings.Repeat("x", limit)) },
			strings.Repeat("x", limit), false, 0},
		{"a reader one byte over the limit", func(*testing.T) io.Reader {
			return strings.NewReader(strings.Repeat("x", limit+1))
		}, "", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.open(t)
			src, err := readAtMost(r, limit)
			if tc.tooBig {
				if err != errTooLarge {
					t.Fatalf("readAtMost = %d bytes, %v; want errTooLarge", len(src), err)
				}
				if f, ok := r.(*os.File); ok {
					if at, _ := f.Seek(0, io.SeekCurrent); at != 0 {
						t.Errorf("read %d bytes of a file that says it is over the limit", at)
					}
				}
				return
			}
			if err != nil || string(src) != tc.want {
				t.Fatalf("readAtMost = %q, %v; want %q", src, err, tc.want)
			}
			if tc.wantCap != 0 && cap(src) != tc.wantCap {
				t.Errorf("read into a buffer of %d bytes, want %d (the file's size and one)", cap(src), tc.wantCap)
			}
		})
	}
}

// A reader that fails fails readAtMost with its error.
func TestReadAtMostError(t *testing.T) {
	if _, err := readAtMost(iotest.TimeoutReader(strings.NewReader("entity A { }\n")), 64); err != iotest.ErrTimeout {
		t.Errorf("readAtMost of a failing reader: %v, want %v", err, iotest.ErrTimeout)
	}
}

// sizeOf is the size only a regular file says, bounded by the limit.
func TestSizeOf(t *testing.T) {
	dir := t.TempDir()
	d, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if _, err := pw.Write([]byte("entity A { }\n")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    io.Reader
		want int64
	}{
		{"a regular file", writeTemp(t, "entity A { }\n"), 13},
		{"a file larger than the limit", writeTemp(t, strings.Repeat("x", 100)), 64},
		{"an empty file", writeTemp(t, ""), 0},
		{"a reader that is not a file", strings.NewReader("entity A { }\n"), 0},
		{"a directory", d, 0},
		{"a pipe", pr, 0},
	} {
		if got := sizeOf(tc.r, 64); got != tc.want {
			t.Errorf("sizeOf(%s) = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// A file that grows after readAtMost took its size is read to its end
// all the same: the buffer grows past the size it was given.
func TestReadAllGrowing(t *testing.T) {
	const said = "entity A { }\n"
	for _, grown := range []string{
		"",
		"\n",
		"entity B { }\n",
		strings.Repeat("entity C { }\n", 100),
	} {
		f := writeTemp(t, said)
		size := sizeOf(f, 1<<20)
		if size != int64(len(said)) {
			t.Fatalf("sizeOf = %d, want %d", size, len(said))
		}
		w, err := os.OpenFile(f.Name(), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.WriteString(grown)
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
		src, err := readAll(f, size)
		if err != nil || string(src) != said+grown {
			t.Errorf("readAll of a file grown by %d bytes = %d bytes, %v; want %d bytes",
				len(grown), len(src), err, len(said+grown))
		}
	}
}

// An input over maxModelFile is refused with an error naming it, and one
// at the limit is read whole; an empty file is an empty model.
func TestReadModelLimit(t *testing.T) {
	t.Chdir(t.TempDir())
	for name, size := range map[string]int64{"at.er": maxModelFile, "over.er": maxModelFile + 1, "empty.er": 0} {
		f, err := os.Create(name)
		if err == nil {
			err = f.Truncate(size) // sparse: no disk is written
		}
		if err == nil {
			err = f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	e := &env{sources: map[string][]byte{}}
	src, name, err := e.read("at.er")
	if err != nil || name != "at.er" || len(src) != maxModelFile {
		t.Errorf("read of a file at the limit: %s, %d bytes, %v", name, len(src), err)
	}
	over, err := filepath.Abs("over.er") // named as diagnostics name it, relative
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.readModel([]string{over})
	if err == nil || err.Error() != "read over.er: larger than 64 MiB, which no model is" {
		t.Errorf("read of a file one byte over the limit: %v", err)
	}
	if re, ok := err.(*readError); !ok || re.msg != "cannot read over.er: larger than 64 MiB, which no model is" {
		t.Errorf("read of a file one byte over the limit: diagnostic %#v", err)
	}
	if !errors.Is(err, errTooLarge) {
		t.Errorf("read of a file one byte over the limit: %v is not errTooLarge", err)
	}
	if _, err := e.readModel([]string{"missing.er"}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read of a missing file: %v is not fs.ErrNotExist", err)
	}
	srcs, err := e.readModel([]string{"empty.er"})
	if err != nil || len(srcs) != 1 || srcs[0].Name != "empty.er" || len(srcs[0].Src) != 0 {
		t.Errorf("read of an empty file: %+v, %v", srcs, err)
	}
	if code, out, stderr := ergen(t, "check", "empty.er"); code != exitOK || out != "" || stderr != "" {
		t.Errorf("check of an empty file: exit %d, %q %q", code, out, stderr)
	}
}
