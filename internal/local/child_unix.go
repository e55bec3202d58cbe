//go:build unix

package local

import "syscall"

// childSysProcAttr puts each function process in its own process group, so
// the Ctrl-C the terminal sends to `make run` does not kill functions that
// are finishing in-flight requests during a clean shutdown. If the stack
// dies without cleaning up, its functions exit by themselves: the runtime
// treats a failed call to its Runtime API as fatal.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
