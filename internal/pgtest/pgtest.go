// Package pgtest gives tests a real, empty PostgreSQL database.
//
// ergen generates DDL, and the only trustworthy check of DDL is to run it
// against a real PostgreSQL server, so tests use this package instead of
// mocks. Every call to [URL], [Conn] or [Pool] creates a brand-new database
// (cloned from template0, so it is truly empty) and drops it when the test
// ends, which lets tests run in parallel without seeing each other's tables.
//
// Where the server comes from, in order:
//
//  1. ERGEN_TEST_DATABASE_URL, if set: an existing server. The role in the URL
//     needs the CREATEDB privilege; databases are created on that server and
//     dropped with DROP DATABASE ... WITH (FORCE) afterwards.
//  2. Otherwise a throwaway cluster, started lazily (once per test binary)
//     from local PostgreSQL server binaries in a private temp directory,
//     reachable only through a unix socket in that directory. See
//     [findBinDir] for where the binaries are looked for.
//
// When no PostgreSQL can be found the test is skipped, so that `go test ./...`
// still works on a laptop without PostgreSQL; with CI=true it fails instead,
// so that CI can never go green by silently skipping every database test.
//
// A test package that uses pgtest must stop the throwaway cluster through
// [Main]:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// The package is meant for Unix-like systems (the throwaway cluster listens
// on a unix socket only); CI runs it on Debian Linux.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Environment variables read by this package.
const (
	// EnvDatabaseURL names an existing server to create test databases on,
	// e.g. postgres://postgres:secret@localhost:5432/postgres?sslmode=disable.
	EnvDatabaseURL = "ERGEN_TEST_DATABASE_URL"
	// EnvBinDir names the directory holding initdb and postgres. When set, it
	// is the only place looked, so a wrong value is noticed instead of being
	// papered over by some other installation.
	EnvBinDir = "ERGEN_PG_BINDIR"
)

const (
	// socketPort only names the socket file (.s.PGSQL.<port>): the throwaway
	// cluster has no TCP listener, so it cannot clash with other servers. It
	// is passed explicitly to postgres and put in every URL so that a PGPORT
	// in the environment cannot make client and server disagree.
	socketPort = 5432
	// startTimeout bounds how long we wait for a new cluster to accept
	// connections.
	startTimeout = 30 * time.Second
	// stopTimeout bounds how long Main waits for postgres to exit after
	// SIGQUIT before it sends SIGKILL.
	stopTimeout = 15 * time.Second
	// opTimeout bounds CREATE/DROP DATABASE and connecting, so that a hung
	// server fails a test with a message instead of hitting the global
	// go test timeout.
	opTimeout = 60 * time.Second
)

var (
	// mainCalled records that Main is running, so that URL can refuse to
	// start a throwaway cluster that nobody would ever stop.
	mainCalled atomic.Bool
	// dbCounter makes database names unique within this process.
	dbCounter atomic.Int64

	// clusterOnce starts at most one throwaway cluster per test binary:
	// initdb costs about a second, a database only milliseconds.
	clusterOnce sync.Once
	clusterMu   sync.Mutex // guards theCluster and clusterErr
	theCluster  *cluster
	clusterErr  error
)

// notFoundError means no PostgreSQL could be found at all. It is the only
// error that makes URL skip instead of fail: a PostgreSQL that is present
// but broken must never be silently skipped.
type notFoundError struct {
	looked []string // human-readable list of what was tried
}

func (e *notFoundError) Error() string {
	return "no PostgreSQL found; looked for: " + strings.Join(e.looked, "; ")
}

// Main is called from a test package's TestMain: os.Exit(pgtest.Main(m)).
// It runs the tests and then stops the throwaway cluster if one was started.
//
// It exists because only TestMain runs after all tests of a binary have
// finished; without it the cluster (and its temp directory) would outlive
// the tests. Failing to stop the cluster is reported on stderr but does not
// change the exit code, since the tests themselves already ran.
func Main(m *testing.M) int {
	mainCalled.Store(true)
	code := m.Run()

	clusterMu.Lock()
	c := theCluster
	theCluster = nil
	clusterMu.Unlock()
	if c != nil {
		if err := c.stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		}
	}
	return code
}

// URL returns the connection string of a fresh, empty database created for
// this test (dropped in t.Cleanup). Skips the test (t.Skip with a clear
// message saying what was looked for and how to set
// ERGEN_TEST_DATABASE_URL) when no PostgreSQL can be found, except when the
// env var CI=true, where it calls t.Fatal instead.
//
// Any other problem (the server in ERGEN_TEST_DATABASE_URL is unreachable,
// initdb fails, ...) always fails the test: those are broken setups, not
// missing ones. The database is created from template0, so it contains no
// objects even if the server's template1 has been customised.
//
// Like t.Fatal, URL must be called from the goroutine running the test.
func URL(t testing.TB) string {
	t.Helper()

	if admin := os.Getenv(EnvDatabaseURL); admin != "" {
		return createDatabase(t, admin, func(db string) (string, error) {
			return withDatabase(admin, db)
		}, EnvDatabaseURL)
	}

	if !mainCalled.Load() {
		t.Fatalf("pgtest: this test package does not call pgtest.Main, so a throwaway PostgreSQL cluster would never be stopped; add\n\tfunc TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }\nor set %s to use an existing server", EnvDatabaseURL)
	}

	clusterOnce.Do(func() {
		c, err := startCluster()
		clusterMu.Lock()
		theCluster, clusterErr = c, err
		clusterMu.Unlock()
	})
	clusterMu.Lock()
	c, err := theCluster, clusterErr
	clusterMu.Unlock()

	var nf *notFoundError
	switch {
	case errors.As(err, &nf):
		msg := fmt.Sprintf("pgtest: %v.\n"+
			"To run this test, either set %s to an existing server whose role may CREATE DATABASE, e.g.\n"+
			"\t%s='postgres://postgres:secret@localhost:5432/postgres?sslmode=disable'\n"+
			"or install the PostgreSQL server binaries (Debian/Ubuntu: apt-get install postgresql) or point %s at the directory holding initdb and postgres.",
			err, EnvDatabaseURL, EnvDatabaseURL, EnvBinDir)
		if isCI() {
			t.Fatal(msg + "\nCI=true, so this is a failure rather than a skip.")
		}
		t.Skip(msg)
	case err != nil:
		t.Fatalf("pgtest: %v", err)
	case c == nil:
		t.Fatal("pgtest: the throwaway PostgreSQL cluster was already stopped (pgtest.Main returned); URL must be called from a test")
	}
	return createDatabase(t, c.url("postgres"), func(db string) (string, error) {
		return c.url(db), nil
	}, "throwaway cluster in "+c.dir)
}

// Conn returns a *pgx.Conn to a fresh database (closed in t.Cleanup).
//
// It is a shortcut for the common case of a test that needs one
// connection; see URL for how the database is found and cleaned up.
func Conn(t testing.TB) *pgx.Conn {
	t.Helper()
	u := URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("pgtest: connecting to test database %s: %v", u, err)
	}
	// Registered after URL's cleanup, so it runs before the DROP DATABASE.
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
		defer cancel()
		if err := conn.Close(ctx); err != nil {
			t.Errorf("pgtest: closing connection to %s: %v", u, err)
		}
	})
	return conn
}

// Pool is like Conn but returns a *pgxpool.Pool.
//
// Use it for code under test that takes a pool or runs queries
// concurrently; a single *pgx.Conn is not safe for concurrent use.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	u := URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	pool, err := pgxpool.New(ctx, u)
	if err != nil {
		t.Fatalf("pgtest: creating pool for test database %s: %v", u, err)
	}
	// pgxpool.New connects lazily; ping so a bad database fails here, not
	// somewhere inside the code under test.
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		t.Fatalf("pgtest: connecting pool to test database %s: %v", u, err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// createDatabase creates a uniquely named database through the server at
// adminURL and registers its removal. dbURL turns the new name into the
// URL handed to the test; where describes the server in error messages.
func createDatabase(t testing.TB, adminURL string, dbURL func(db string) (string, error), where string) string {
	t.Helper()
	name, err := newDatabaseName()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	u, err := dbURL(name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	ident := pgx.Identifier{name}.Sanitize()
	if err := adminExec(adminURL, "CREATE DATABASE "+ident+" TEMPLATE template0"); err != nil {
		t.Fatalf("pgtest: creating test database %s on %s: %v", name, where, err)
	}
	t.Cleanup(func() {
		// WITH (FORCE) (PostgreSQL 13+) terminates connections a test
		// forgot to close, so a leak in one test cannot break cleanup.
		if err := adminExec(adminURL, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: dropping test database %s on %s: %v", name, where, err)
		}
	})
	return u
}

// adminExec runs one statement on a short-lived connection. A connection
// per call (instead of a shared one) keeps parallel tests independent; on a
// local socket it costs a few milliseconds.
func adminExec(adminURL, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connecting: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// newDatabaseName returns ergen_test_<pid>_<counter>_<random>. The pid and
// counter make it unique on this machine; the random part keeps test
// binaries on different machines (e.g. CI containers that all have the same
// pid) apart when they share one ERGEN_TEST_DATABASE_URL server.
func newDatabaseName() (string, error) {
	var b [3]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generating database name: %w", err)
	}
	return fmt.Sprintf("ergen_test_%d_%d_%s", os.Getpid(), dbCounter.Add(1), hex.EncodeToString(b[:])), nil
}

// withDatabase returns connString (URL or keyword/value form) with its
// database replaced by db.
func withDatabase(connString, db string) (string, error) {
	if strings.HasPrefix(connString, "postgres://") || strings.HasPrefix(connString, "postgresql://") {
		u, err := url.Parse(connString)
		if err != nil {
			return "", fmt.Errorf("parsing %s: %w", EnvDatabaseURL, err)
		}
		u.Path = "/" + db
		u.RawPath = ""
		q := u.Query()
		if q.Has("dbname") || q.Has("database") {
			q.Del("dbname")
			q.Del("database")
			u.RawQuery = q.Encode()
		}
		return u.String(), nil
	}
	// Keyword/value form: a later keyword overrides an earlier one.
	return connString + " dbname=" + db, nil
}

func isCI() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// cluster is a running throwaway PostgreSQL server.
type cluster struct {
	dir     string        // temp dir: data/ subdirectory, socket, log
	logPath string        // postgres server log
	cmd     *exec.Cmd     // the postmaster
	exited  chan struct{} // closed when the postmaster has exited
}

// url returns the URL of database db in the cluster. host= is the socket
// directory; port= and sslmode= are explicit so that PGPORT/PGSSLMODE in the
// environment cannot change them.
func (c *cluster) url(db string) string {
	q := url.Values{}
	q.Set("host", c.dir)
	q.Set("port", strconv.Itoa(socketPort))
	q.Set("sslmode", "disable")
	return "postgres://postgres@/" + db + "?" + q.Encode()
}

// findBinDir returns the directory containing initdb and postgres. It looks,
// in order and stopping at the first hit:
//
//  1. $ERGEN_PG_BINDIR — and nowhere else when it is set;
//  2. `pg_config --bindir` (pg_config on PATH), if that directory has initdb
//     (on Debian pg_config comes with libpq-dev, which may be installed
//     without the server);
//  3. the highest-numbered /usr/lib/postgresql/<version>/bin (Debian and
//     Ubuntu install server binaries there, not on PATH);
//  4. initdb on PATH, with postgres next to it after resolving symlinks.
func findBinDir() (string, error) {
	if dir := os.Getenv(EnvBinDir); dir != "" {
		if hasServerBinaries(dir) {
			return dir, nil
		}
		return "", &notFoundError{looked: []string{fmt.Sprintf("initdb and postgres in %s=%s (the only place looked when it is set)", EnvBinDir, dir)}}
	}

	looked := []string{EnvDatabaseURL + " (unset)", EnvBinDir + " (unset)"}

	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dir := strings.TrimSpace(string(out))
		if hasServerBinaries(dir) {
			return dir, nil
		}
		looked = append(looked, "initdb and postgres in `pg_config --bindir` = "+dir)
	} else {
		looked = append(looked, "pg_config on PATH (`pg_config --bindir` failed: "+err.Error()+")")
	}

	if dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(dirs) > 0 {
		sort.Slice(dirs, func(i, j int) bool { return versionLess(dirs[j], dirs[i]) }) // highest first
		for _, dir := range dirs {
			if hasServerBinaries(dir) {
				return dir, nil
			}
		}
	}
	looked = append(looked, "initdb and postgres in /usr/lib/postgresql/*/bin")

	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if hasServerBinaries(dir) {
			return dir, nil
		}
		looked = append(looked, "postgres next to initdb at "+p)
	} else {
		looked = append(looked, "initdb on PATH")
	}
	return "", &notFoundError{looked: looked}
}

// versionLess orders /usr/lib/postgresql/<v>/bin paths by numeric version,
// so 9.6 < 10 < 15.
func versionLess(a, b string) bool {
	va := strings.Split(filepath.Base(filepath.Dir(a)), ".")
	vb := strings.Split(filepath.Base(filepath.Dir(b)), ".")
	for i := 0; i < len(va) && i < len(vb); i++ {
		na, errA := strconv.Atoi(va[i])
		nb, errB := strconv.Atoi(vb[i])
		if errA != nil || errB != nil {
			if va[i] != vb[i] {
				return va[i] < vb[i]
			}
			continue
		}
		if na != nb {
			return na < nb
		}
	}
	return len(va) < len(vb)
}

func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		if !isExecutable(filepath.Join(dir, name)) {
			return false
		}
	}
	return true
}

// startCluster runs initdb into a new temp dir and starts postgres there.
// On error nothing is left running and the temp dir is removed.
func startCluster() (*cluster, error) {
	binDir, err := findBinDir()
	if err != nil {
		return nil, err
	}
	cred, err := serverCredential()
	if err != nil {
		return nil, err
	}
	dir, err := clusterDir(cred)
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, logPath: filepath.Join(dir, "postgres.log"), exited: make(chan struct{})}
	dataDir := filepath.Join(dir, "data")
	if err := initCluster(binDir, dir, dataDir, cred); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.start(binDir, dataDir, cred); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.waitReady(); err != nil {
		if stopErr := c.stop(); stopErr != nil {
			err = fmt.Errorf("%w (and then: %v)", err, stopErr)
		}
		return nil, err
	}
	return c, nil
}

// serverCredential is the OS user initdb and postgres run as: nil (this
// process's user) unless we are root.
func serverCredential() (*syscall.Credential, error) {
	// initdb and postgres refuse to run as root. When we are root (as in
	// CI containers), run them as the "postgres" OS user that the Debian
	// package creates, by switching credentials in the child directly (no
	// runuser/su wrapper, so the postmaster is our direct child and the
	// parent-death signal below applies to it).
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root, and initdb/postgres refuse to run as root, so they must run as OS user \"postgres\", but looking it up failed: %w (create that user, run the tests as a non-root user, or set %s)", err, EnvDatabaseURL)
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("OS user postgres has non-numeric uid %q / gid %q", u.Uid, u.Gid)
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
	}
	return nil, nil
}

// clusterDir creates the directory of the cluster and its socket, owned
// by the user the server runs as.
func clusterDir(cred *syscall.Credential) (string, error) {
	// The socket lives in this directory, and a unix socket path is limited
	// to about 104 bytes, so keep it short: a short prefix directly under
	// the temp dir, falling back to /tmp if $TMPDIR is very long.
	base := os.TempDir()
	if len(base) > 60 {
		base = "/tmp"
	}
	removeStaleClusters(base)
	dir, err := os.MkdirTemp(base, clusterDirPrefix)
	if err != nil {
		return "", fmt.Errorf("creating temp dir for throwaway PostgreSQL cluster: %w", err)
	}
	if sock := filepath.Join(dir, fmt.Sprintf(".s.PGSQL.%d", socketPort)); len(sock) >= 100 {
		os.RemoveAll(dir)
		return "", fmt.Errorf("unix socket path %s is too long (%d bytes, limit ~100); set TMPDIR to a shorter directory", sock, len(sock))
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("chown %s to OS user postgres: %w", dir, err)
		}
	}
	return dir, nil
}

// initCluster runs initdb for a cluster in dataDir.
func initCluster(binDir, dir, dataDir string, cred *syscall.Credential) error {
	initdb := exec.Command(filepath.Join(binDir, "initdb"),
		"-D", dataDir, "-A", "trust", "-U", "postgres",
		"--no-sync", "-E", "UTF8", "--locale=C")
	initdb.Dir = dir // the postgres user may not be able to enter our cwd
	initdb.Env = serverEnv()
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb (%s) for throwaway cluster in %s failed: %w\n--- initdb output ---\n%s", initdb.Path, dataDir, err, out)
	}
	return nil
}

// start starts the postmaster of the cluster, logging to c.logPath.
func (c *cluster) start(binDir, dataDir string, cred *syscall.Credential) error {
	dir := c.dir
	logFile, err := os.Create(c.logPath)
	if err != nil {
		return fmt.Errorf("creating postgres log file: %w", err)
	}
	// postgres writes through the inherited descriptor, so the file need
	// not be writable by the postgres user; we keep no copy of it open.
	defer logFile.Close()

	c.cmd = exec.Command(filepath.Join(binDir, "postgres"),
		"-D", dataDir,
		"-c", "listen_addresses=", // unix socket only: no port clashes, no network exposure
		"-c", "unix_socket_directories="+dir,
		"-c", "port="+strconv.Itoa(socketPort),
		// Durability is pointless for a cluster deleted after the run.
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
		"-c", "shared_buffers=32MB",
		"-c", "max_connections=200", // parallel tests, each with pools
	)
	c.cmd.Dir = dir
	c.cmd.Env = serverEnv()
	c.cmd.Stdout = logFile
	c.cmd.Stderr = logFile
	attr := &syscall.SysProcAttr{
		Credential: cred,
		// Own process group: a terminal ^C goes to the test binary only,
		// not straight to postgres, so the shutdown path is always ours.
		Setpgid: true,
	}
	// If the test binary dies without reaching Main's cleanup (a crash,
	// a panic from the go test -timeout, SIGKILL), the kernel sends the
	// postmaster SIGQUIT (immediate shutdown, which also stops its
	// backends). Pdeathsig exists only on Linux and FreeBSD, so it is set
	// by name to keep this file compiling elsewhere. The temp dir of such
	// a crashed run is left behind; the next run removes it after a while
	// (see removeStaleClusters).
	setField(attr, "Pdeathsig", syscall.SIGQUIT)
	c.cmd.SysProcAttr = attr

	// The parent-death signal fires when the *thread* that forked the
	// child exits, not the process. Go may retire an OS thread whose
	// goroutine exits while locked to it, so fork from a goroutine that
	// locks its thread and keeps it until postgres has exited; that thread
	// then lives exactly as long as the postmaster needs it.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := c.cmd.Start(); err != nil {
			started <- err
			return // the locked thread is discarded; nothing was started
		}
		started <- nil
		_ = c.cmd.Wait() // postgres' exit status is in its log
		close(c.exited)
		runtime.UnlockOSThread()
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("starting %s: %w", c.cmd.Path, err)
	}
	return nil
}

// clusterDirPrefix starts the name of every throwaway cluster's temp dir.
const clusterDirPrefix = "ergpg"

// removeStaleClusters deletes, best effort, the temp dirs left behind by
// test binaries that died without running Main (their postgres was stopped
// by the parent-death signal, but nobody removed the ~40 MB data dir). A
// dir counts as stale when it holds a data directory (data/PG_VERSION)
// without data/postmaster.pid (postgres removes that file when it shuts
// down, even on SIGQUIT) and has not changed for staleAge, so a cluster
// that is running or still in initdb in another test binary is never
// touched. Dirs of other OS users simply fail to be removed.
func removeStaleClusters(base string) {
	const staleAge = 10 * time.Minute
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), clusterDirPrefix) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < staleAge {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "data", "PG_VERSION")); err != nil {
			continue
		}
		if _, err := os.Lstat(filepath.Join(dir, "data", "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
			continue
		}
		_ = os.RemoveAll(dir)
	}
}

// waitReady polls until the server accepts connections, postgres exits, or
// startTimeout passes.
func (c *cluster) waitReady() error {
	deadline := time.Now().Add(startTimeout)
	var lastErr error
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, c.url("postgres"))
		if err == nil {
			err = conn.Ping(ctx)
			conn.Close(context.Background())
		}
		cancel()
		if err == nil {
			return nil
		}
		lastErr = err
		select {
		case <-c.exited:
			return fmt.Errorf("postgres (%s) exited during startup: %s\n--- postgres log (%s) ---\n%s", c.cmd.Path, c.cmd.ProcessState, c.logPath, c.readLog())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres (%s) did not accept connections on %s within %s; last error: %v\n--- postgres log (%s) ---\n%s", c.cmd.Path, c.url("postgres"), startTimeout, lastErr, c.logPath, c.readLog())
		}
	}
}

// stop shuts the server down (SIGQUIT = immediate shutdown: nothing is
// worth saving) and removes the temp dir.
func (c *cluster) stop() error {
	var errs []error
	if c.cmd != nil && c.cmd.Process != nil {
		select {
		case <-c.exited:
		default:
			if err := c.cmd.Process.Signal(syscall.SIGQUIT); err != nil && !errors.Is(err, os.ErrProcessDone) {
				errs = append(errs, fmt.Errorf("sending SIGQUIT to postgres (pid %d): %w", c.cmd.Process.Pid, err))
			}
			select {
			case <-c.exited:
			case <-time.After(stopTimeout):
				_ = c.cmd.Process.Kill()
				<-c.exited
				errs = append(errs, fmt.Errorf("postgres (pid %d) ignored SIGQUIT for %s and was killed; log:\n%s", c.cmd.Process.Pid, stopTimeout, c.readLog()))
			}
		}
	}
	if err := os.RemoveAll(c.dir); err != nil {
		errs = append(errs, fmt.Errorf("removing throwaway cluster dir: %w", err))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("stopping throwaway PostgreSQL cluster in %s: %w", c.dir, err)
	}
	return nil
}

// readLog returns the end of the server log for error messages.
func (c *cluster) readLog() string {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		return fmt.Sprintf("(could not read log: %v)", err)
	}
	const max = 16 << 10
	if len(b) > max {
		b = append([]byte("...\n"), b[len(b)-max:]...)
	}
	return string(b)
}

// serverEnv is our environment without PG* variables: PGDATA, PGPORT,
// PGOPTIONS etc. would otherwise change what initdb and postgres do.
func serverEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") {
			env = append(env, kv)
		}
	}
	return env
}

// setField sets the named field of the struct *ptr to v if it exists.
func setField(ptr any, name string, v any) {
	f := reflect.ValueOf(ptr).Elem().FieldByName(name)
	if f.IsValid() && f.CanSet() && reflect.TypeOf(v).AssignableTo(f.Type()) {
		f.Set(reflect.ValueOf(v))
	}
}
