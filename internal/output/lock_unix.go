//go:build unix

package output

import (
	"fmt"
	"os"
	"syscall"
)

// Lock creates each directory of dirs (sorted, so that two runs lock in
// one order) and takes an exclusive flock on it, waiting for a run that
// holds it. The lock is the directory itself, so no lock file is left
// behind, and the kernel releases it when a run dies. unlock releases all.
func Lock(dirs []string) (unlock func(), err error) {
	var held []*os.File
	unlock = func() {
		for _, f := range held {
			syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it too
			f.Close()
		}
	}
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			unlock()
			return nil, err
		}
		f, err := os.Open(dir)
		if err != nil {
			unlock()
			return nil, err
		}
		held = append(held, f)
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			unlock()
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
	}
	return unlock, nil
}

// syncDir flushes a directory's entries to the disk, so that the renames
// made in it survive a crash as the files' contents do.
func syncDir(dir string) error { return syncFile(dir) }
