package migrate

import (
	"bytes"
	"fmt"
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
// numbered from version:
//
//   - plain: one file, the psql script of Script;
//   - goose: `-- +goose Up`, and `-- +goose NO TRANSACTION` with each step
//     one statement block (BEGIN ... COMMIT for a transactional step), so
//     that every step keeps a transaction of its own and goose sends each
//     block on one connection;
//   - golang-migrate: `NNNNNN_name.up.sql`, whose content the driver sends
//     as one query: a run of transactional steps, each in BEGIN ... COMMIT,
//     or one statement that cannot run in a transaction.
//
// Files are cut wherever the transaction mode changes, and each
// non-transactional statement has a file of its own, so that a runner
// that stops at a failed file resumes after the files it applied. A
// non-transactional statement (CREATE INDEX CONCURRENTLY, ADD VALUE) is
// written without lock_timeout in runner files: a runner may send a SET
// on another connection of its pool, and these statements take no lock
// that queues the application's reads or writes. No down files are
// written.
func (p *Plan) Files(format string, version int, name string) ([]File, error) {
	switch format {
	case "plain":
		return []File{{fmt.Sprintf("%03d_%s.sql", version, name), p.Script()}}, nil
	case "goose", "golang-migrate":
	default:
		return nil, fmt.Errorf("unknown format %q: want %s", format, strings.Join(Formats, ", "))
	}
	var files []File
	for _, run := range p.runs() {
		var b bytes.Buffer
		fileName := fmt.Sprintf("%06d_%s.up.sql", version+len(files), name)
		if format == "goose" {
			fileName = fmt.Sprintf("%05d_%s.sql", version+len(files), name)
			b.WriteString("-- +goose Up\n-- +goose NO TRANSACTION\n")
		}
		b.WriteString("-- Planned by ergen: each step is a transaction of its own, or a statement that runs only outside one.\n")
		for _, s := range run {
			b.WriteString("\n" + s.heading() + "\n")
			if format == "goose" {
				b.WriteString("-- +goose StatementBegin\n")
			}
			if s.Transactional {
				b.WriteString("BEGIN;\nSET LOCAL lock_timeout = " + postgres.QuoteLiteral(p.LockTimeout) + ";\n")
			}
			b.WriteString(strings.Join(s.SQL, "\n") + "\n")
			if s.Transactional {
				b.WriteString("COMMIT;\n")
			}
			if format == "goose" {
				b.WriteString("-- +goose StatementEnd\n")
			}
		}
		files = append(files, File{fileName, b.Bytes()})
	}
	return files, nil
}

// runs cuts the steps where the transaction mode changes, and around each
// non-transactional step.
func (p *Plan) runs() [][]*Step {
	var out [][]*Step
	for i, s := range p.Steps {
		if i > 0 && s.Transactional && p.Steps[i-1].Transactional {
			out[len(out)-1] = append(out[len(out)-1], s)
			continue
		}
		out = append(out, []*Step{s})
	}
	return out
}
