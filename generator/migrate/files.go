package migrate

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/postgres"
)

// Formats are the runners ergen migrate writes files for.
var Formats = []string{"plain", "goose", "golang-migrate"}

// File is one migration file.
type File struct {
	Name string
	Data []byte
}

// Files renders the plan as versioned files in a runner's conventions,
// numbered from version, with p.Down, the plan back from NEW to OLD, as
// down files when it is not nil:
//
//   - plain: NNN_name.sql, the psql script of Script, and
//     NNN_name.down.sql, down's;
//   - goose: `-- +goose Up` and `-- +goose NO TRANSACTION`, each step one
//     statement block (BEGIN ... COMMIT for a transactional step), so that
//     every step keeps a transaction of its own, and a `-- +goose Down`
//     section;
//   - golang-migrate: NNNNNN_name.up.sql and .down.sql, whose content the
//     driver sends as one query: a run of transactional steps, each in
//     BEGIN ... COMMIT, or one statement that cannot run in a transaction.
//
// Files are cut wherever the transaction mode changes, and each
// non-transactional statement has a file of its own, so that a runner
// that stops at a failed file resumes after the files it applied. An
// index's build runs again only after the drop of what a failed build
// left behind (its index, invalid): in goose the two share a file, which
// goose runs again whole; golang-migrate runs one statement a file and
// marks a failed file's version dirty, so the build's file says which
// version to force before running up again (the one before the drop's
// lock_timeout file); the file of every other statement that cannot run
// in a transaction, up or down, says which version to force so that its
// lock_timeout file runs again before it.
//
// Every step runs under lock_timeout. A transactional step sets it with
// SET LOCAL. A statement that cannot run in a transaction cannot share a
// query with a SET either (PostgreSQL runs the statements of one query
// string as one implicit transaction), so the SET goes before it as a
// query of its own on the same connection: in goose, statements of the
// same file, which goose sends one by one on its run's connection, and
// RESET after; in golang-migrate, a file of its own before the
// statement's, since its driver sends every file of a run on the one
// connection it holds, where the setting stays until the run ends.
//
// The two plans rarely have as many files: version k's down file holds
// what must run on the way down from k to k-1, so down's files are
// numbered from the highest version downwards; a version one plan has no
// file for gets a file that does nothing.
func (p *Plan) Files(format string, version int, name string) ([]File, error) {
	down := p.Down
	switch format {
	case "plain":
		files := []File{{fmt.Sprintf("%03d_%s.sql", version, name), p.Script()}}
		if down != nil {
			files = append(files, File{fmt.Sprintf("%03d_%s.down.sql", version, name), down.Script()})
		}
		return files, nil
	case "goose", "golang-migrate":
	default:
		return nil, fmt.Errorf("unknown format %q: want %s", format, strings.Join(Formats, ", "))
	}
	ups, downs := p.units(format), down.units(format)
	n := max(len(ups), len(downs))
	if format == "golang-migrate" {
		for _, r := range p.resumes() {
			force := strconv.Itoa(version + r.from - 1)
			if version+r.from-1 < 1 {
				force = "-- -1" // no version applied
			}
			ups[r.file] = append([]byte(runAgain(r.rebuild, version+r.file, "up", force)), ups[r.file]...)
		}
		for _, r := range down.resumes() {
			// Down unit r.file is version n-1-r.file's down file;
			// golang-migrate marks the version below it dirty, and
			// forced to the version of the unit to run again from,
			// runs that one's down file first.
			force := strconv.Itoa(version + n - 1 - r.from)
			downs[r.file] = append([]byte(runAgain(r.rebuild, version+n-1-r.file-1, "down", force)), downs[r.file]...)
		}
	}
	unit := func(units [][]byte, k int) []byte {
		if k < 0 || k >= len(units) {
			return []byte(noStatement)
		}
		return units[k]
	}
	var files []File
	for k := range n {
		up, dn := unit(ups, k), unit(downs, n-1-k)
		if format == "golang-migrate" {
			files = append(files, File{fmt.Sprintf("%06d_%s.up.sql", version+k, name), up})
			if down != nil {
				files = append(files, File{fmt.Sprintf("%06d_%s.down.sql", version+k, name), dn})
			}
			continue
		}
		b := []byte("-- +goose Up\n-- +goose NO TRANSACTION\n")
		b = append(b, up...)
		if down != nil {
			b = append(b, "\n-- +goose Down\n"...)
			b = append(b, dn...)
		}
		files = append(files, File{fmt.Sprintf("%05d_%s.sql", version+k, name), b})
	}
	return files, nil
}

const noStatement = "-- Planned by ergen: nothing to do at this version in this direction.\n"

// units renders the plan as the contents of the files, or the goose
// sections, of format, in the order they run; a nil plan has none.
func (p *Plan) units(format string) [][]byte {
	if p == nil {
		return nil
	}
	timeout := postgres.QuoteLiteral(p.LockTimeout)
	var out [][]byte
	for _, run := range p.runs(format) {
		if format == "golang-migrate" && !run[0].Transactional {
			out = append(out, []byte("-- Planned by ergen: lock_timeout for the next file, a statement that cannot run in a transaction,\n"+
				"-- nor share a query with this SET; golang-migrate sends both on the same connection.\n"+
				"SET lock_timeout = "+timeout+";\n"))
		}
		var b bytes.Buffer
		b.WriteString("-- Planned by ergen: each step is a transaction of its own, or a statement that runs only outside one.\n")
		for _, s := range run {
			b.WriteString("\n" + s.heading() + "\n")
			if format == "goose" && !s.Transactional {
				b.WriteString("SET lock_timeout = " + timeout + ";\n")
			}
			if format == "goose" {
				b.WriteString("-- +goose StatementBegin\n")
			}
			if s.Transactional {
				b.WriteString("BEGIN;\nSET LOCAL lock_timeout = " + timeout + ";\n")
			}
			b.WriteString(strings.Join(s.SQL, "\n") + "\n")
			if s.Transactional {
				b.WriteString("COMMIT;\n")
			}
			if format == "goose" {
				b.WriteString("-- +goose StatementEnd\n")
			}
			if format == "goose" && !s.Transactional {
				b.WriteString("RESET lock_timeout;\n")
			}
		}
		out = append(out, b.Bytes())
	}
	return out
}

// resume is what golang-migrate file file, of a statement that cannot
// run in a transaction, runs again from should it fail: from, its
// lock_timeout file, or, for an index's build after the drop of what a
// failed build left behind (rebuild), the drop's lock_timeout file.
type resume struct {
	file, from int
	rebuild    bool
}

// resumes lists the resume of each golang-migrate file of a statement
// that cannot run in a transaction, in order.
func (p *Plan) resumes() []resume {
	if p == nil {
		return nil
	}
	var out []resume
	k := 0
	runs := p.runs("golang-migrate")
	for i, run := range runs {
		if !run[0].Transactional {
			k++ // its lock_timeout file
			r := resume{file: k, from: k - 1}
			if i > 0 && rebuilds(runs[i-1][0], run[0]) {
				r.from, r.rebuild = k-3, true // the drop's statement and lock_timeout files, before this one's
			}
			out = append(out, r)
		}
		k++
	}
	return out
}

// runAgain is the note of a golang-migrate file of a statement that
// cannot run in a transaction, an index's build after the drop of what a
// failed build left behind when rebuild is set, on what to do should it
// fail: golang-migrate marks version dirty and stops; once the cause is
// fixed, forcing force and running dir again runs the statement's
// lock_timeout file first (the drop's, for a build), on the connection
// the statement then runs on (a version forced past it would run the
// statement without the setting).
func runAgain(rebuild bool, dirty int, dir, force string) string {
	if rebuild {
		return fmt.Sprintf("-- Planned by ergen: should this build fail, it leaves its index behind invalid and golang-migrate\n"+
			"-- marks version %s dirty: fix the cause, then `migrate force %s` and `migrate %s`, which drop it and build again.\n", dirtyVersion(dirty), force, dir)
	}
	return fmt.Sprintf("-- Planned by ergen: should this statement fail, it runs outside a transaction and golang-migrate marks\n"+
		"-- version %s dirty: fix the cause, then `migrate force %s` and `migrate %s`, which run it again after its lock_timeout file.\n", dirtyVersion(dirty), force, dir)
}

// dirtyVersion is how golang-migrate shows version v: -1 when no version
// is applied.
func dirtyVersion(v int) string {
	if v < 1 {
		return "-1"
	}
	return strconv.Itoa(v)
}

// runs cuts the steps where the transaction mode changes, and around each
// non-transactional step. For goose, an index's build stays with the
// step before it that drops what an earlier build left behind: a build
// that fails (a duplicate, a timeout) leaves its index invalid, and goose
// resumes at the file that failed, which then drops it and builds again.
func (p *Plan) runs(format string) [][]*Step {
	var out [][]*Step
	for i, s := range p.Steps {
		if i > 0 && s.Transactional && p.Steps[i-1].Transactional ||
			i > 0 && format == "goose" && rebuilds(p.Steps[i-1], s) {
			out[len(out)-1] = append(out[len(out)-1], s)
			continue
		}
		out = append(out, []*Step{s})
	}
	return out
}

// rebuilds reports whether build is the build of the index whose leftover
// drop drops (see buildIndexIn).
func rebuilds(drop, build *Step) bool { return drop.rebuild == build }
