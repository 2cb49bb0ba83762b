package diagram

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/testkit"
	"github.com/ergen-dev/ergen/internal/tools/mermaid"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testCase is one model drawn by the tests: every example, and the models
// shared diagram models with cycles, self-references, roles and multiple paths.
type testCase struct {
	name   string // golden file stem
	source string // base name of the .er file
	schema *model.Schema
}

func cases(t *testing.T) []testCase {
	t.Helper()
	var out []testCase
	for _, p := range testkit.Glob(t, testkit.Examples, testkit.DiagramModels) {
		out = append(out, load(t, p))
	}
	return out
}

func load(t *testing.T, path string) testCase {
	t.Helper()
	base := filepath.Base(path)
	return testCase{name: strings.TrimSuffix(base, ".er"), source: base, schema: testkit.Load(t, path)}
}

func TestGolden(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range []Format{Mermaid, DOT} {
				got, err := Render(c.schema, f, c.source)
				if err != nil {
					t.Fatal(err)
				}
				again, _ := Render(c.schema, f, c.source)
				if !bytes.Equal(got, again) {
					t.Errorf("%s output differs between two runs", f)
				}
				golden.Check(t, filepath.Join("testdata", c.name+"."+map[Format]string{Mermaid: "mmd", DOT: "dot"}[f]+".golden"), got, *update)
			}
		})
	}
}

// mermaidCard is Mermaid's name for each end.
var mermaidCard = map[End]string{ExactlyOne: "ONLY_ONE", ZeroOrOne: "ZERO_OR_ONE", ZeroOrMore: "ZERO_OR_MORE"}

// TestMermaidParses parses every Mermaid diagram with the real Mermaid
// library and checks that Mermaid read the model's tables, key columns
// and foreign keys, with the right crow's feet.
func TestMermaidParses(t *testing.T) {
	cs := cases(t)
	dir := t.TempDir()
	var files []string
	for _, c := range cs {
		f := filepath.Join(dir, c.name+".mmd")
		if err := os.WriteFile(f, EmitMermaid(c.schema, c.source), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// One Node process for all (it takes a second to load Mermaid), with a
	// broken diagram last to show that the check can fail.
	broken := filepath.Join(dir, "broken.mmd")
	if err := os.WriteFile(broken, []byte("erDiagram\n  User ||--o{ : \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	parsed := mermaid.Parse(t, append(files, broken)...)
	if parsed[len(cs)].Error == "" {
		t.Errorf("Mermaid accepted a relationship without its second entity")
	}
	for i, c := range cs {
		d := parsed[i]
		t.Run(c.name, func(t *testing.T) {
			if d.Error != "" {
				t.Fatalf("Mermaid rejects the diagram: %s\n%s", d.Error, EmitMermaid(c.schema, c.source))
			}
			if d.Type != "er" {
				t.Errorf("Mermaid read a %q diagram, want er", d.Type)
			}
			var want []mermaid.Entity
			ids := MermaidIDs(c.schema)
			for _, tb := range Tables(c.schema) {
				e := mermaid.Entity{Name: ids[tb], Alias: MermaidAlias(tb, ids[tb]), Attributes: []mermaid.Attribute{}}
				for _, bc := range BoxColumns(tb) {
					keys, note := MermaidMarks(tb, bc)
					if keys == nil {
						keys = []string{}
					}
					e.Attributes = append(e.Attributes, mermaid.Attribute{Type: mermaidWord(TypeName(bc.Column.Type)), Name: bc.Column.Name, Keys: keys, Comment: note})
				}
				want = append(want, e)
			}
			got := slices.Clone(d.Entities)
			for i := range got {
				if got[i].Attributes == nil {
					got[i].Attributes = []mermaid.Attribute{}
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("entities as Mermaid read them (-want +got):\n%s", diff)
			}
			var wantRels []mermaid.Relationship
			for _, e := range Edges(c.schema) {
				wantRels = append(wantRels, mermaid.Relationship{
					Left: ids[e.FK.RefTable], Right: ids[e.FK.Table],
					LeftCard: mermaidCard[e.Parent], RightCard: mermaidCard[e.Child],
					Identifying: e.Identifying, Label: MermaidLabel(e),
				})
			}
			if diff := cmp.Diff(wantRels, d.Relationships); diff != "" {
				t.Errorf("relationships as Mermaid read them (-want +got):\n%s", diff)
			}
		})
	}
}

// svgDoc is the part of dot's SVG the tests read: the node and edge groups
// with their titles (a node's title is its DOT name, an edge's "a->b").
type svgDoc struct {
	Groups []svgGroup `xml:"g>g"`
}

type svgGroup struct {
	Class string   `xml:"class,attr"`
	Title string   `xml:"title"`
	Texts []string `xml:"text"`
}

// needDot returns the path of Graphviz's dot, or skips (fails under CI).
func needDot(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Graphviz's dot is not on PATH (CI=true: required; .ci/run installs graphviz)")
		}
		t.Skip("Graphviz's dot is not on PATH; install graphviz to run this test")
	}
}

// TestDOTRenders lays out every DOT diagram with the real dot and checks
// the SVG: one node per table, titled with its name, and one edge per
// foreign key from parent to child, labelled with its delete policy.
func TestDOTRenders(t *testing.T) {
	needDot(t)
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			svg, err := SVG(EmitDOT(c.schema, c.source))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(svg, []byte("<svg")) || bytes.Contains(svg, []byte("<!--")) {
				t.Errorf("SVG does not start at <svg> or keeps dot's comments:\n%.300s", svg)
			}
			var doc svgDoc
			if err := xml.Unmarshal(svg, &doc); err != nil {
				t.Fatalf("dot's SVG does not parse: %v", err)
			}
			var nodes, edges, wantNodes, wantEdges []string
			for _, g := range doc.Groups {
				switch g.Class {
				case "node":
					nodes = append(nodes, g.Title)
				case "edge":
					label := make([]string, len(g.Texts))
					for i, x := range g.Texts {
						label[i] = strings.TrimSpace(x)
					}
					edges = append(edges, g.Title+" "+strings.Join(label, " "))
				}
			}
			for _, tb := range Tables(c.schema) {
				wantNodes = append(wantNodes, tb.Name)
			}
			for _, e := range Edges(c.schema) {
				wantEdges = append(wantEdges, e.FK.RefTable.Name+"->"+e.FK.Table.Name+" "+strings.Join(e.Lines, " "))
			}
			// dot writes nodes and edges in its own order.
			for _, l := range [][]string{nodes, edges, wantNodes, wantEdges} {
				slices.Sort(l)
			}
			if d := cmp.Diff(wantNodes, nodes); d != "" {
				t.Errorf("SVG nodes (-want +got):\n%s", d)
			}
			if d := cmp.Diff(wantEdges, edges); d != "" {
				t.Errorf("SVG edges (-want +got):\n%s", d)
			}
		})
	}
}

// TestDOTRejected makes sure SVG reports dot's own error.
func TestDOTRejected(t *testing.T) {
	needDot(t)
	if _, err := SVG([]byte("digraph { a -> }")); err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("SVG of a broken graph: err = %v, want dot's syntax error", err)
	}
}

func TestEdges(t *testing.T) {
	src := `
entity A { id integer pk }
entity B { id integer pk }
entity C { x integer }
entity D { id integer pk }
relationship A 1:N B { required; on update cascade }
relationship A 1:N D { optional on delete set null }
relationship A 1:1 C shared key { on delete cascade }
relationship B 1:1 D as twin { optional }
relationship B M:N D
relationship A M:N D via AD { key surrogate }
`
	s := testkit.MustResolve(t, "t.er", []byte(src))
	type row struct {
		Edge          string
		Parent, Child End
		Identifying   bool
		Label         string
	}
	var got []row
	for _, e := range Edges(s) {
		got = append(got, row{e.FK.RefTable.Name + "->" + e.FK.Table.Name, e.Parent, e.Child, e.Identifying, e.Label})
	}
	want := []row{
		{"as->bs", ExactlyOne, ZeroOrMore, false, "a_id: ON DELETE NO ACTION, ON UPDATE CASCADE"},
		{"as->cs", ExactlyOne, ZeroOrOne, true, "a_id: ON DELETE CASCADE, ON UPDATE NO ACTION"},
		{"as->ds", ZeroOrOne, ZeroOrMore, false, "a_id: ON DELETE SET NULL, ON UPDATE NO ACTION"},
		{"bs->ds", ZeroOrOne, ZeroOrOne, false, "twin_id: ON DELETE NO ACTION, ON UPDATE NO ACTION"},
		{"bs->b_ds", ExactlyOne, ZeroOrMore, true, "b_id: ON DELETE NO ACTION, ON UPDATE NO ACTION"},
		{"ds->b_ds", ExactlyOne, ZeroOrMore, true, "d_id: ON DELETE NO ACTION, ON UPDATE NO ACTION"},
		{"as->ads", ExactlyOne, ZeroOrMore, false, "a_id: ON DELETE NO ACTION, ON UPDATE NO ACTION"},
		{"ds->ads", ExactlyOne, ZeroOrMore, false, "d_id: ON DELETE NO ACTION, ON UPDATE NO ACTION"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("edges (-want +got):\n%s", d)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"mermaid": Mermaid, "Mermaid": Mermaid, "dot": DOT, "graphviz": DOT} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFormat("svg"); err == nil || !strings.Contains(err.Error(), "mermaid or dot") {
		t.Errorf("ParseFormat(svg): err = %v, want one naming the formats", err)
	}
}

// TestBoxColumns checks that a box lists every column, key or not, with
// its marks: a composite unique key is one mark on each of its columns,
// and a nullable column says so.
func TestBoxColumns(t *testing.T) {
	src := `
enum Role { owner member }
entity Team { id serial pk }
entity Person {
  id         serial pk
  email      text unique
  tenant     integer
  handle     text
  deleted_at timestamptz?
  unique (tenant, handle)
}
relationship Team M:N Person { role Role }
`
	s := testkit.MustResolve(t, "t.er", []byte(src))
	var got []string
	for _, tb := range Tables(s) {
		for _, bc := range BoxColumns(tb) {
			got = append(got, tb.Name+"."+bc.Column.Name+" "+TypeName(bc.Column.Type)+" "+strings.Join(bc.Marks, " "))
		}
	}
	want := []string{
		"teams.id serial PK",
		"people.id serial PK",
		"people.email text UK",
		"people.tenant integer UK1",
		"people.handle text UK1",
		"people.deleted_at timestamptz NULL",
		"team_people.team_id integer PK FK",
		"team_people.person_id integer PK FK",
		"team_people.role Role ",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("box columns (-want +got):\n%s", d)
	}
	mmd := string(EmitMermaid(s, ""))
	for _, line := range []string{
		`    integer tenant UK "UK1: unique (tenant, handle)"`,
		`    timestamptz deleted_at "NULL"`,
		`    Role role`,
	} {
		if !strings.Contains(mmd, line+"\n") {
			t.Errorf("Mermaid lacks %q:\n%s", line, mmd)
		}
	}
	if dot := string(EmitDOT(s, "")); !strings.Contains(dot, "UK1: unique (tenant, handle)") {
		t.Errorf("DOT does not spell out UK1:\n%s", dot)
	}
}

// TestArcSetNullPartitionMarks checks what the labels and boxes say of an
// arc, a SET NULL of some columns and a partitioned table.
func TestArcSetNullPartitionMarks(t *testing.T) {
	src := `
entity Post { id serial pk }
entity Photo { id serial pk }
entity Comment { id serial pk }
relationship Post | Photo 1:N Comment { optional; on delete Post set null }
entity Team { tenant integer; no integer; pk (tenant, no) }
entity Member { tenant integer; no integer; team_no integer?; pk (tenant, no) }
relationship Team 1:N Member { columns (tenant, team_no); on delete set null (team_no) }
entity Event {
  id  integer
  day date
  pk (id, day)
  partition by range (day)
  partition events_2025 from ('2025-01-01') to ('2026-01-01')
  partition events_other default
}
`
	s := testkit.MustResolve(t, "t.er", []byte(src))
	var got []string
	for _, e := range Edges(s) {
		got = append(got, e.Label, MermaidLabel(e))
	}
	want := []string{
		"post_id: ON DELETE SET NULL, ON UPDATE NO ACTION, arc: at most one of Post | Photo",
		"post_id<br>on delete set null<br>on update no action<br>arc: at most one of Post | Photo",
		"photo_id: ON DELETE NO ACTION, ON UPDATE NO ACTION, arc: at most one of Post | Photo",
		"photo_id<br>on delete no action<br>on update no action<br>arc: at most one of Post | Photo",
		"(tenant, team_no): ON DELETE SET NULL (team_no), ON UPDATE NO ACTION",
		"(tenant, team_no)<br>on delete set null (team_no)<br>on update no action",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("labels (-want +got):\n%s", d)
	}
	ev := s.Entities[len(s.Entities)-1].Table
	if got, want := MermaidTitle(ev), "Event, partitioned by range (day): events_2025, events_other"; got != want {
		t.Errorf("Mermaid title %q, want %q", got, want)
	}
	dot := string(EmitDOT(s, ""))
	for _, want := range []string{"partitioned by range (day)", "partition events_other: DEFAULT", `samehead="ck_comments_post_photo_arc"`} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %q", want)
		}
	}
}

// Text from the model cannot hold Mermaid's %% anywhere in a diagram:
// Mermaid reads a directive (%%{init: ...}%%, which restyles or hides the
// diagram) or a comment wherever it finds one, inside a string too.
func TestMermaidDirectiveInjection(t *testing.T) {
	s := testkit.MustResolve(t, "mm.er", []byte(`entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B via J { table "J%%{init:{'theme':'forest'}}%%" }
entity C {
  id serial pk
  n  integer
  check (n <> length('%%%{init}%%'))
}
`))
	out, err := Render(s, Mermaid, "mm.er")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(out), "\n") {
		if i > 0 && strings.Contains(line, "%%") {
			t.Errorf("line %d holds %%%%: %q", i+1, line)
		}
	}
	if got := mermaidText(`a%%%b"c%`); got != `a% % %b'c%` {
		t.Errorf("mermaidText = %q", got)
	}
}
