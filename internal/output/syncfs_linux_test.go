package output

import "testing"

func TestKernelVersion(t *testing.T) {
	for _, c := range []struct {
		release      string
		major, minor int
		ok           bool
	}{
		{"6.18.44-fc-v1045", 6, 18, true}, {"5.8.0", 5, 8, true}, {"4.19.0-25-amd64", 4, 19, true},
		{"5.15", 5, 15, true}, {"3.10.0-1160.el7.x86_64", 3, 10, true}, {"6.1-rc2", 6, 1, true}, {"weird", 0, 0, false},
	} {
		major, minor, ok := kernelVersion(c.release)
		if major != c.major || minor != c.minor || ok != c.ok {
			t.Errorf("kernelVersion(%q) = %d, %d, %v", c.release, major, minor, ok)
		}
	}
	if !syncfsReportsErrors() {
		t.Log("this kernel is older than 5.8: each file is flushed")
	}
}
