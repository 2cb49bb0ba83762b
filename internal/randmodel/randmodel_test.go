package randmodel_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

func load(t *testing.T, seed int64, src string) (*model.Schema, dsl.Diagnostics) {
	t.Helper()
	f, diags := dsl.Parse(fmt.Sprintf("seed%d.er", seed), []byte(src))
	if diags.HasErrors() {
		return nil, diags
	}
	return model.Resolve(f)
}

// Every generated model resolves without error and renders DDL.
func TestGenerateValid(t *testing.T) {
	for seed := range int64(150) {
		opts := randmodel.Options{Entities: 1 + int(seed%25), Partitions: seed%2 == 1}
		if seed%3 == 0 {
			opts.Schema = fmt.Sprintf("s%d", seed)
		}
		src := randmodel.Generate(seed, opts)
		s, diags := load(t, seed, src)
		if diags.HasErrors() {
			t.Fatalf("seed %d: generated model is invalid:\n%v\n%s", seed, diags.Errors(), src)
		}
		if _, err := postgres.DDL(s, "x.er"); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// Entities partitioned by an expression come on top, each with
		// the one relationship it is the child of.
		keyless := 0
		for _, tb := range s.Tables {
			if tb.Partitioning != nil && tb.Partitioning.Expression() != "" {
				keyless++
			}
		}
		if got := len(s.Entities) - keyless; got != opts.Entities {
			t.Errorf("seed %d: %d entities, want %d", seed, got, opts.Entities)
		}
		arcMembers := 0
		for _, a := range s.Arcs {
			arcMembers += len(a.Members)
		}
		if got := len(s.Relationships) - arcMembers - keyless; got != 2*opts.Entities {
			t.Errorf("seed %d: %d relationships besides arcs, want %d", seed, got, 2*opts.Entities)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	opts := randmodel.Options{Entities: 30, Relationships: 90}
	a, b := randmodel.Generate(42, opts), randmodel.Generate(42, opts)
	if a != b {
		t.Fatal("the same seed gave two different models")
	}
	if a == randmodel.Generate(43, opts) {
		t.Fatal("seeds 42 and 43 gave the same model")
	}
}

// Over a hundred seeds, the models use every construct of the language.
func TestGenerateCoverage(t *testing.T) {
	seen := map[string]bool{}
	see := func(what string, ok bool) {
		if ok {
			seen[what] = true
		}
	}
	for seed := range int64(100) {
		s, diags := load(t, seed, randmodel.Generate(seed, randmodel.Options{Entities: 20}))
		if diags.HasErrors() {
			t.Fatalf("seed %d: %v", seed, diags.Errors())
		}
		see("enum", len(s.Enums) > 0)
		see("sequence", len(s.Sequences) > 0)
		for _, sq := range s.Sequences {
			see("sequence settings", !sq.Settings.IsDefault())
			see("descending sequence", sq.Settings.Increment < 0)
			see("cycling sequence", sq.Settings.Cycle)
		}
		see("extension", len(s.Extensions) > 0)
		for _, d := range s.Domains {
			see("domain", true)
			see("domain over a domain", d.Type.Domain != nil)
			see("domain over an enum", d.Type.Base == model.EnumType)
			see("domain check", len(d.Checks) > 0)
			see("domain default", d.Default != "")
			see("domain not null", d.NotNull)
		}
		for _, a := range s.Arcs {
			see("arc required", a.Required)
			see("arc optional", !a.Required)
			see("arc of three parents", len(a.Members) == 3)
			for _, m := range a.Members {
				see("arc member composite", len(m.ForeignKeys[0].Columns) > 1)
				see("arc member on delete "+string(m.ForeignKeys[0].OnDelete.Action), true)
			}
		}
		pairs := map[[2]*model.Entity]int{}
		for _, r := range s.Relationships {
			see("card "+r.Card.String(), true)
			see("shared key", r.SharedKey)
			see("unique-FK 1:1", r.Card == model.OneToOne && !r.SharedKey)
			see("self-reference "+r.Card.String(), r.Left == r.Right)
			if r.Junction != nil {
				see("junction key "+r.JunctionKey.String(), true)
				see("junction attributes", len(r.Attributes) > 0)
			}
			pairs[[2]*model.Entity{r.Left, r.Right}]++
			see("several relationships between two entities", pairs[[2]*model.Entity{r.Left, r.Right}] > 1)
			see("role", r.Roles[0] != "" && r.Card != model.ManyToMany && r.Roles[0] != model.SnakeCase(r.Left.Name))
		}
		for _, t := range s.Tables {
			see("named key of a relationship", t.PrimaryKey != nil &&
				(strings.HasPrefix(t.PrimaryKey.Name, "jpk_") || strings.HasPrefix(t.PrimaryKey.Name, "skpk_")))
			see("composite primary key", t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 1 && t.Entity != nil)
			see("check", len(t.Checks) > 0)
			for _, ck := range t.Checks {
				see("check not valid", ck.NotValid && ck.Column == nil)
				see("attribute check not valid", ck.NotValid && ck.Column != nil)
			}
			see("key word as table name", model.IsReservedWord(t.Name))
			see("table name of 63 bytes", len(t.Name) == model.MaxIdentLen && !strings.Contains(t.Name, "_8") && strings.HasPrefix(t.Name, "ttt"))
			see("table name shortened", len(t.Name) == model.MaxIdentLen && !strings.HasPrefix(t.Name, "ttt"))
			for _, x := range t.Exclusions {
				see("exclusion "+x.Method, true)
				see("exclusion over an expression", x.Index().Keys[0].Column == nil)
				see("exclusion of two keys", len(x.Elements) > 1)
			}
			for _, ix := range t.Indexes {
				see("unique index", ix.Unique && strings.HasPrefix(ix.Name, "uqi_"))
				for _, k := range ix.Keys {
					see("index key collation", k.Collation != "")
				}
			}
			for _, c := range t.Columns {
				see("default", c.Default != "" && c.ForeignKey == nil)
				see("identity", c.Identity != model.NoIdentity)
				see("key word as column name", model.IsReservedWord(c.Name))
				see("column name of 63 bytes", len(c.Name) == model.MaxIdentLen)
				see("enum column", c.Type.Enum != nil)
				see("domain column", c.Type.Domain != nil)
				see("generated column", c.GeneratedAs != "")
				see("collation", c.Type.Collation != "")
				see("nextval default", strings.HasPrefix(c.Default, "nextval("))
				see("interval fields", c.Type.Fields != "")
				see("interval precision", c.Type.Base == model.Interval && len(c.Type.Params) > 0)
			}
			for _, fk := range t.ForeignKeys {
				see("on delete "+string(fk.OnDelete.Action), true)
				see("on update "+string(fk.OnUpdate.Action), true)
				see("required", fk.Required())
				see("optional", !fk.Required())
				see("deferrable", fk.Deferrable != model.NotDeferrable)
				see("deferred (closes a cycle)", fk.Deferred)
				see("composite FK", len(fk.Columns) > 1)
				see("references a UNIQUE key", fk.RefTable.PrimaryKey == nil || !slices.Equal(fk.RefColumns, fk.RefTable.PrimaryKey.Columns))
				see("key word as role", model.IsReservedWord(fk.Role))
				see("FK column with a default", fk.Columns[0].Default != "")
				see("no index", fk.IndexOff)
				see("ON DELETE SET NULL of some columns", fk.SetColumns != nil)
				see("FK column narrower than its key", !fk.Columns[0].Type.Equal(fk.RefColumns[0].Type.Referencing()))
				see("constraint name shortened", len(fk.Name) == model.MaxIdentLen)
				see("not valid", fk.NotValid)
			}
		}
	}
	want := []string{"enum", "card 1:N", "card 1:1", "card M:N", "shared key", "unique-FK 1:1",
		"self-reference 1:N", "self-reference 1:1", "self-reference M:N",
		"junction key composite", "junction key surrogate", "junction key line", "junction attributes",
		"several relationships between two entities", "role", "composite primary key", "check",
		"key word as table name", "table name of 63 bytes", "table name shortened",
		"default", "identity", "key word as column name", "column name of 63 bytes", "enum column", "collation",
		"required", "optional", "deferrable", "deferred (closes a cycle)", "composite FK", "references a UNIQUE key",
		"key word as role", "FK column with a default", "no index", "constraint name shortened", "FK column narrower than its key",
		"ON DELETE SET NULL of some columns", "named key of a relationship",
		"domain", "domain over a domain", "domain over an enum", "domain check", "domain default", "domain not null",
		"domain column", "generated column", "arc required", "arc optional", "arc of three parents", "arc member composite",
		"arc member on delete CASCADE", "arc member on delete RESTRICT", "arc member on delete NO ACTION", "arc member on delete SET NULL",
		"sequence", "nextval default", "extension", "unique index", "not valid", "exclusion gist", "exclusion btree",
		"exclusion hash", "exclusion over an expression", "exclusion of two keys",
		"check not valid", "attribute check not valid", "index key collation", "sequence settings",
		"descending sequence", "cycling sequence", "interval fields", "interval precision"}
	for _, a := range []model.RefAction{model.NoAction, model.Restrict, model.Cascade, model.SetNull, model.SetDefault} {
		want = append(want, "on delete "+string(a), "on update "+string(a))
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("no model of 100 seeds has: %s", w)
		}
	}
}

// Each kind of flaw makes Resolve fail, and every error it reports names
// the flaw's reason: the rest of the model stays valid.
func TestFlaws(t *testing.T) {
	for _, kind := range randmodel.FlawKinds() {
		t.Run(kind, func(t *testing.T) {
			for seed := range int64(10) {
				m := randmodel.New(seed, randmodel.Options{Entities: 6, Flaws: true, Flaw: kind})
				if len(m.Flaws) != 1 || m.Flaws[0].Kind != kind {
					t.Fatalf("seed %d: flaws %+v, want one of kind %s", seed, m.Flaws, kind)
				}
				want := regexp.MustCompile(m.Flaws[0].Want)
				_, diags := load(t, seed, m.Source)
				errs := diags.Errors()
				if len(errs) == 0 {
					t.Fatalf("seed %d: Resolve accepted the flaw:\n%s", seed, m.Flaws[0].Decl)
				}
				for _, d := range errs {
					if !want.MatchString(d.Msg) {
						t.Errorf("seed %d: error %q does not match %q\nflaw:\n%s", seed, d.Msg, want, m.Flaws[0].Decl)
					}
				}
			}
		})
	}
}

func TestFlawDrawnFromSeed(t *testing.T) {
	kinds := map[string]bool{}
	for seed := range int64(200) {
		m := randmodel.New(seed, randmodel.Options{Entities: 3, Flaws: true})
		kinds[m.Flaws[0].Kind] = true
	}
	if len(kinds) != len(randmodel.FlawKinds()) {
		t.Errorf("200 seeds drew %d of %d flaw kinds", len(kinds), len(randmodel.FlawKinds()))
	}
}

// With Partitions, the models partition tables by each method.
func TestGeneratePartitions(t *testing.T) {
	methods := map[string]int{}
	sub, expr := 0, 0
	for seed := range int64(60) {
		s, diags := load(t, seed, randmodel.Generate(seed, randmodel.Options{Entities: 8, Partitions: true}))
		if diags.HasErrors() {
			t.Fatalf("seed %d: %v", seed, diags.Errors())
		}
		for _, tb := range s.Tables {
			if p := tb.Partitioning; p != nil {
				methods[p.Method]++
				if p.Expression() != "" {
					expr++
				}
				for _, part := range p.Partitions {
					if part.Partitioning != nil {
						sub++
					}
				}
			}
		}
	}
	for _, m := range []string{"range", "list", "hash"} {
		if methods[m] == 0 {
			t.Errorf("no table partitioned by %s in 60 models", m)
		}
	}
	if sub == 0 || expr == 0 {
		t.Errorf("60 models partition %d partitions in turn and %d tables by an expression, want some of each", sub, expr)
	}
}

var seqKey = regexp.MustCompile(`id bigint = nextval\('[^']*'::regclass\) pk`)

// The No options leave their constructs out, and nothing else: the model
// is the full one less their lines.
func TestGenerateWithout(t *testing.T) {
	for seed := range int64(40) {
		full := randmodel.Generate(seed, randmodel.Options{Entities: 8})
		src := randmodel.Generate(seed, randmodel.Options{Entities: 8, NoDomains: true, NoGenerated: true, NoArcs: true,
			NoSequences: true, NoUniqueIndexes: true, NoExclusions: true, NoNotValid: true})
		s, diags := load(t, seed, src)
		if diags.HasErrors() {
			t.Fatalf("seed %d: %v", seed, diags.Errors())
		}
		if len(s.Domains) > 0 || len(s.Arcs) > 0 || len(s.Sequences) > 0 {
			t.Errorf("seed %d: %d domains, %d arcs, %d sequences, want none", seed, len(s.Domains), len(s.Arcs), len(s.Sequences))
		}
		for _, tb := range s.Tables {
			if len(tb.Exclusions) > 0 {
				t.Errorf("seed %d: exclusion constraint on %s", seed, tb.Name)
			}
			for _, ix := range tb.Indexes {
				if ix.Unique && strings.HasPrefix(ix.Name, "uqi_") {
					t.Errorf("seed %d: unique index %s", seed, ix.Name)
				}
			}
			for _, fk := range tb.ForeignKeys {
				if fk.NotValid {
					t.Errorf("seed %d: not valid FK %s", seed, fk.Name)
				}
			}
			for _, c := range tb.Columns {
				if c.GeneratedAs != "" {
					t.Errorf("seed %d: generated column %s.%s", seed, tb.Name, c.Name)
				}
			}
		}
		// The full model's lines, in order, hold the reduced model's; a
		// key numbered by a declared sequence stands for the bigserial
		// it replaces.
		fullLines := strings.Split(seqKey.ReplaceAllString(full, "id bigserial primary key"), "\n")
		i := 1 // past the header, which counts relationships
		for _, l := range strings.Split(src, "\n")[1:] {
			for i < len(fullLines) && fullLines[i] != l {
				i++
			}
			if i == len(fullLines) {
				t.Fatalf("seed %d: line %q of the reduced model is not in the full one", seed, l)
			}
			i++
		}
	}
}
