package output

import (
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// syncFileSystem flushes the whole file system that holds dir, in one
// syncfs(2): every file written to it, ergen's temporary files among
// them, is on the disk when it returns. Only Linux 5.8 and later return
// a write-back error from syncfs; on an older kernel it would pass over
// one, and the caller flushes each file instead (supported false).
func syncFileSystem(dir string) (supported bool, err error) {
	if !syncfsReportsErrors() {
		return false, nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return true, err
	}
	defer f.Close()
	return true, unix.Syncfs(int(f.Fd()))
}

// syncfsReportsErrors reports whether the kernel is Linux 5.8 or later.
var syncfsReportsErrors = sync.OnceValue(func() bool {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	major, minor, ok := kernelVersion(unix.ByteSliceToString(u.Release[:]))
	return ok && (major > 5 || major == 5 && minor >= 8)
})

// kernelVersion reads the major and minor numbers of a release such as
// "6.18.44-fc-v1045".
func kernelVersion(release string) (major, minor int, ok bool) {
	parts := strings.SplitN(release, ".", 3)
	if len(parts) < 2 {
		return 0, 0, false
	}
	digits := parts[1] // "1-rc2" in "6.1-rc2"
	if i := strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		digits = digits[:i]
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(digits)
	return major, minor, err1 == nil && err2 == nil
}
