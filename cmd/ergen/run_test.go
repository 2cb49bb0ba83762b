package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/golden"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCmd runs ergen in-process with stdin as its standard input and
// returns its exit code and what it wrote to stdout and stderr.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// ergen is runCmd with nothing on standard input.
func ergen(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCmd(t, "", args...)
}

// A script is a txtar archive in testdata. Its comment holds the command
// line, as "ergen ARGS..." (lines starting with # are notes). Its files:
//
//	stdin       what the command reads on standard input
//	stdout      expected standard output
//	stderr      expected standard error
//	exit        expected exit code
//	want/PATH   expected content of PATH after the run
//	anything    an input file, written to the working directory first
//
// With -update the expectations are rewritten from what ergen does.
type script struct {
	path    string
	archive *txtar.Archive
	args    []string
}

func loadScript(t *testing.T, path string) *script {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := &script{path: path, archive: a}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if fields[0] != "ergen" || s.args != nil {
			t.Fatalf("%s: the comment must hold one command line starting with ergen, got %q", path, line)
		}
		s.args = fields[1:]
	}
	if s.args == nil {
		t.Fatalf("%s: no command line", path)
	}
	return s
}

func (s *script) file(name string) (string, bool) {
	for _, f := range s.archive.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// setFile replaces or adds an expectation, for -update.
func (s *script) setFile(name, data string) {
	for i, f := range s.archive.Files {
		if f.Name == name {
			s.archive.Files[i].Data = []byte(data)
			return
		}
	}
	s.archive.Files = append(s.archive.Files, txtar.File{Name: name, Data: []byte(data)})
}

func isExpectation(name string) bool {
	return name == "stdin" || name == "stdout" || name == "stderr" || name == "exit" || strings.HasPrefix(name, "want/")
}

// TestScripts runs every script in testdata through run, in a fresh
// working directory holding the script's input files.
func TestScripts(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, path := range paths {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			s := loadScript(t, abs)
			dir := t.TempDir()
			for _, f := range s.archive.Files {
				if isExpectation(f.Name) {
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			stdin, _ := s.file("stdin")
			var stdout, stderr bytes.Buffer
			code := run(s.args, strings.NewReader(stdin), &stdout, &stderr)

			got := map[string]string{
				"stdout": stdout.String(),
				"stderr": stderr.String(),
				"exit":   strconv.Itoa(code) + "\n",
			}
			for _, f := range s.archive.Files {
				if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
					b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
					if err != nil {
						b = []byte(fmt.Sprintf("(%v)\n", err))
					}
					got[f.Name] = string(b)
				}
			}
			if golden.Updating(*update) {
				for _, name := range []string{"stdout", "stderr", "exit"} {
					if _, ok := s.file(name); ok || got[name] != "" {
						s.setFile(name, got[name])
					}
				}
				for name, data := range got {
					if strings.HasPrefix(name, "want/") {
						s.setFile(name, data)
					}
				}
				if err := os.WriteFile(abs, txtar.Format(s.archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"exit", "stdout", "stderr"} {
				want, _ := s.file(name)
				if diff := cmp.Diff(want, got[name]); diff != "" {
					t.Errorf("ergen %s: %s (-want +got):\n%s", strings.Join(s.args, " "), name, diff)
				}
			}
			for _, f := range s.archive.Files {
				if strings.HasPrefix(f.Name, "want/") {
					if diff := cmp.Diff(string(f.Data), got[f.Name]); diff != "" {
						t.Errorf("ergen %s: %s (-want +got):\n%s", strings.Join(s.args, " "), f.Name, diff)
					}
				}
			}
		})
	}
}

// TestBinary builds ergen and runs it as a process, so that exit codes and
// standard streams are checked through the process boundary, as scripts
// and go:generate lines see them.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "ergen")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.er")
	bad := filepath.Join(dir, "bad.er")
	if err := os.WriteFile(good, []byte("entity User { id serial pk }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("relationship Usr 1:N Order\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args       []string
		stdin      string
		code       int
		wantStdout string
		wantStderr string
	}{
		{[]string{"check", good}, "", 0, "", ""},
		{[]string{"check", bad}, "", 1, "", `unknown entity "Usr"`},
		{[]string{"sql", "-"}, "entity User { id serial pk }\n", 0, "CREATE TABLE users (", ""},
		{[]string{"chek"}, "", 2, "", `did you mean "check"?`},
		{[]string{"sql", "--nope", good}, "", 2, "", "unknown flag: --nope"},
		{[]string{"version"}, "", 0, "ergen ", ""},
	} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Stdin = strings.NewReader(tc.stdin)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code || !strings.Contains(stdout.String(), tc.wantStdout) || !strings.Contains(stderr.String(), tc.wantStderr) {
			t.Errorf("ergen %v: exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, stdout.String(), stderr.String())
		}
	}
}

// A command whose output is standard output fails when it cannot write
// it (a full disk, a closed pipe), rather than exit 0 having written
// nothing: the DDL, a diagram, a migration or the list of its files, a
// report for programs or people (lint's warnings), a formatted file.
func TestStandardOutputFails(t *testing.T) {
	t.Chdir(t.TempDir())
	for name, src := range map[string]string{
		"a.er": "entity User { id serial pk }\n",
		"b.er": "entity User {\n  id serial pk\n  note text?\n}\n",
		"c.er": "entity User { id serial pk }\nentity Order { id serial pk }\nrelationship User 1:N Order\n", // a warning
	} {
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"sql", "a.er"},
		{"diagram", "a.er"},
		{"explain", "a.er", "User"},
		{"diff", "a.er", "b.er"},
		{"migrate", "a.er", "b.er", "--dir", "migrations", "--name", "note"},
		{"check", "--format", "json", "a.er"},
		{"lint", "--format", "json", "a.er"},
		{"fmt", "a.er"},
		{"lint", "c.er"},
	} {
		var stderr bytes.Buffer
		code := run(args, strings.NewReader(""), failingWriter{}, &stderr)
		if code != exitInvalid || !strings.HasSuffix(stderr.String(), "ergen: "+errFull.Error()+"\n") {
			t.Errorf("ergen %s to a full disk: exit %d, stderr %q", strings.Join(args, " "), code, stderr.String())
		}
	}
}

var errFull = fmt.Errorf("write /dev/stdout: no space left on device")

// failingWriter fails every write, as standard output on a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errFull }

// -o - is standard output, as no -o is: the output is printed, and no
// file named - is written.
func TestOutDashIsStandardOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("a.er", []byte("entity User { id serial pk }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string // how standard output starts
	}{
		{[]string{"sql", "a.er"}, "-- Code generated by ergen from a.er."},
		{[]string{"diagram", "a.er"}, "%% Code generated by ergen from a.er."},
		{[]string{"doc", "a.er"}, "<!-- Code generated by ergen from a.er."},
	} {
		code, none, stderr := ergen(t, tc.args...)
		if code != exitOK || !strings.HasPrefix(none, tc.want) {
			t.Fatalf("ergen %s: exit %d, stdout %.80q, stderr %q", strings.Join(tc.args, " "), code, none, stderr)
		}
		args := append(tc.args, "-o", "-")
		if code, dash, stderr := ergen(t, args...); code != exitOK || dash != none {
			t.Errorf("ergen %s: exit %d, stdout %.80q, stderr %q; want what no -o prints", strings.Join(args, " "), code, dash, stderr)
		}
		if _, err := os.Stat("-"); err == nil {
			t.Fatalf("ergen %s wrote a file named -", strings.Join(args, " "))
		}
	}
}
