package readergen

import (
	"math"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
)

// The generator's output for the .er grammar is tested in package dsl,
// against participle on every input at hand (reader_test.go, FuzzParse).
// These tests cover what that grammar does not exercise: grammars the
// generator must refuse, each for its reason.

func TestMain(m *testing.M) {
	participle.MaxIterations = math.MaxInt // as package dsl sets it
	m.Run()
}

// generate builds participle's parser of G with unlimited lookahead and
// the given options, and generates its reader.
func generate[G any](t *testing.T, options ...participle.Option) error {
	t.Helper()
	p, err := participle.Build[G](append([]participle.Option{participle.UseLookahead(-1)}, options...)...)
	if err != nil {
		t.Fatalf("participle refuses the grammar: %v", err)
	}
	_, err = Generate(p)
	return err
}

// refused checks that err is a refusal that says why.
func refused(t *testing.T, err error, why string) {
	t.Helper()
	if err == nil {
		t.Fatalf("generated a reader; want a refusal saying %q", why)
	}
	if !strings.Contains(err.Error(), why) {
		t.Fatalf("refused with %q; want it to say %q", err, why)
	}
}

// everyKind is a grammar with every kind of node the generator handles.
type everyKind struct {
	Words  []string   `parser:"( @Ident | @\"x\":Ident )+"`
	Neg    string     `parser:"@~( \";\" | \"!\" )?"`
	Flag   bool       `parser:"@\"!\"? (?! \"?\" ) (?= \";\" )"`
	Nested *nestedInt `parser:"\";\" @@?"`
}

type nestedInt struct {
	Text string `parser:"@( Int Int* )"`
}

func TestGeneratesEveryKindOfNode(t *testing.T) {
	src, err := Generate(participle.MustBuild[everyKind](participle.UseLookahead(-1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"func (r *reader) readEveryKind() *everyKind", "func (r *reader) readNestedInt() *nestedInt", `r.litOf(tokIdent, "x")`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the reader lacks %s:\n%s", want, src)
		}
	}
}

func TestRefusesTheEndOfInputAsAToken(t *testing.T) {
	type g struct {
		Value string `parser:"@Ident (?= EOF )"`
	}
	refused(t, generate[g](t), "end of input")
}

type word struct {
	Value string `parser:"@Ident"`
}

func TestRefusesLimitedLookahead(t *testing.T) {
	p := participle.MustBuild[word]()
	_, err := Generate(p)
	refused(t, err, "UseLookahead(-1)")
}

func TestRefusesBoundedRepetitions(t *testing.T) {
	defer func(n int) { participle.MaxIterations = n }(participle.MaxIterations)
	participle.MaxIterations = 1000
	refused(t, generate[word](t), "MaxIterations")
}

func TestRefusesAnAlternativeThatMatchesNothing(t *testing.T) {
	type g struct {
		Value string `parser:"@Ident? | @Int"`
	}
	refused(t, generate[g](t), "can match nothing")
}

func TestRefusesARepetitionOfNothing(t *testing.T) {
	type g struct {
		Values []string `parser:"( @Ident? )*"`
	}
	refused(t, generate[g](t), "need not end")
}

func TestRefusesFieldsOfOtherKinds(t *testing.T) {
	type g struct {
		N int `parser:"@Int"`
	}
	refused(t, generate[g](t), "not int")
}

func TestRefusesLiteralsTheLexerNeverMakes(t *testing.T) {
	type g struct {
		Value string `parser:"@\"a b\""`
	}
	refused(t, generate[g](t), "not one token")
}

// leaky keeps a capture of an alternative that fails, in participle: the
// production read in the optional part applies the capture before it,
// and the part then fails at the missing "!".
type leaky struct {
	Name  string   `parser:"( @Ident"`
	Value *number  `parser:"  @@ \"!\" )?"`
	Rest  []string `parser:"@( Ident | Int )*"`
}

type number struct {
	Value string `parser:"@Int"`
}

func TestRefusesCapturesThatParticipleKeeps(t *testing.T) {
	p := participle.MustBuild[leaky](participle.UseLookahead(-1))
	got, err := p.ParseString("", "x 1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "x" || len(got.Rest) != 2 {
		t.Fatalf("participle reads %+v: the case no longer shows the capture kept", got)
	}
	_, err = Generate(p)
	refused(t, err, "would keep the captures before it")
}
