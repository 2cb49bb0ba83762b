//go:build !unix

package output

import "os"

// Lock creates the directories; where flock is missing, runs do not take
// turns (see lock_unix.go).
func Lock(dirs []string) (unlock func(), err error) {
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return func() {}, nil
}

// syncDir does nothing where a directory cannot be opened to be flushed;
// the renames are as durable as the system makes them.
func syncDir(string) error { return nil }
