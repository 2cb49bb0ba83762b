package dsl_test

import (
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

// TestSpanDiagnostics checks that a diagnostic given a span underlines
// exactly that span, with its severity, as Errorf and Warnf given the
// span's two ends would.
func TestSpanDiagnostics(t *testing.T) {
	src := "entity User { id serial pk }\n"
	at := dsl.SpanOf(span("u.er", src, "serial", 1))
	var ds dsl.Diagnostics
	ds.ErrorAt(at, "bad %s", "type").Hintf("use bigserial")
	ds.WarnAt(at, "odd")
	want := dsl.Diagnostics{
		{Severity: dsl.Error, Pos: at.Pos, End: at.End, Msg: "bad type", Hint: "use bigserial"},
		{Severity: dsl.Warning, Pos: at.Pos, End: at.End, Msg: "odd"},
	}
	if len(ds) != len(want) {
		t.Fatalf("%d diagnostics, want %d", len(ds), len(want))
	}
	for i, d := range ds {
		if *d != *want[i] {
			t.Errorf("diagnostic %d = %+v, want %+v", i, *d, *want[i])
		}
	}
	if got := src[ds[0].Pos.Offset:ds[0].End.Offset]; got != "serial" {
		t.Errorf("underlines %q, want %q", got, "serial")
	}
	if at.IsZero() || !(dsl.Span{}).IsZero() {
		t.Errorf("IsZero: %v for a written span, %v for none", at.IsZero(), (dsl.Span{}).IsZero())
	}
}
