// Command ergen turns an ER model written in the .er language into
// PostgreSQL DDL, typed Go code for pgx/v5, and design-review output.
//
// Run `ergen help` for the commands.
package main

import "os"

func main() {
	deferFirstCollection()
	executableID() // before the file it was started from can change
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
