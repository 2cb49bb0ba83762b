package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFileSystem flushes the whole file system that holds dir, in one
// syncfs(2): every file written to it, ergen's temporary files among
// them, is on the disk when it returns, and a write-back error since
// the call began is returned (Linux 5.8 and later).
func syncFileSystem(dir string) (supported bool, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return true, err
	}
	defer f.Close()
	return true, unix.Syncfs(int(f.Fd()))
}
