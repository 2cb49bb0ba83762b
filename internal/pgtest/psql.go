package pgtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Psql returns the path of psql, for tests that apply a script as a user
// would: on PATH, or beside the server binaries the throwaway cluster
// uses (Debian keeps them in /usr/lib/postgresql/N/bin). Without psql the
// test is skipped, as URL skips without PostgreSQL, and fails under
// CI=true.
func Psql(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("psql"); err == nil {
		return p
	}
	if dir, err := findBinDir(); err == nil && isExecutable(filepath.Join(dir, "psql")) {
		return filepath.Join(dir, "psql")
	}
	msg := "pgtest: psql is neither on PATH nor beside initdb; install the PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client)"
	if isCI() {
		t.Fatal(msg + "\nCI=true, so this is a failure rather than a skip.")
	}
	t.Skip(msg)
	return ""
}

// isExecutable reports whether path is a file anyone may execute.
func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}
