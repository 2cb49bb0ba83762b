// Package mermaid lets tests parse Mermaid diagrams with the real Mermaid
// library, run in Node by parse.mjs beside this file, and see what Mermaid
// understood: its entities, attributes and relationships; and lets them
// render diagrams in headless Chromium (Render) to see where Mermaid put
// the relationship labels.
//
// Mermaid is pinned in package.json and package-lock.json here; install it
// with `npm ci` in this directory (node_modules is not committed), or point
// ERGEN_NODE_MODULES at a node_modules directory that holds it. Without
// node or the modules, Parse skips the test, or fails it when CI=true.
package mermaid

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Diagram is what Mermaid parsed from one file.
type Diagram struct {
	File          string         `json:"file"`
	Type          string         `json:"type"`
	Error         string         `json:"error"`
	Entities      []Entity       `json:"entities"`
	Relationships []Relationship `json:"relationships"`
}

// Entity is an erDiagram entity.
type Entity struct {
	Name string `json:"name"`
	// Alias is what the box shows in place of Name, when it is given
	// (`name["alias"] { ... }`).
	Alias      string      `json:"alias"`
	Attributes []Attribute `json:"attributes"`
}

// Attribute is one line of an entity block.
type Attribute struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Keys    []string `json:"keys"`
	Comment string   `json:"comment"`
}

// Relationship is one relationship line; LeftCard sits beside Left:
// ONLY_ONE, ZERO_OR_ONE, ZERO_OR_MORE or ONE_OR_MORE.
type Relationship struct {
	Left        string `json:"left"`
	Right       string `json:"right"`
	LeftCard    string `json:"leftCard"`
	RightCard   string `json:"rightCard"`
	Identifying bool   `json:"identifying"`
	Label       string `json:"label"`
}

// dir is this package's directory, where parse.mjs and package.json are.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// Modules returns the node_modules directory Mermaid is loaded from.
func Modules() string {
	if m := os.Getenv("ERGEN_NODE_MODULES"); m != "" {
		return m
	}
	return filepath.Join(dir(), "node_modules")
}

// Parse parses each file with Mermaid, in one Node process, and returns
// one Diagram per file, in order. A file Mermaid rejects has Error set.
func Parse(t testing.TB, files ...string) []Diagram {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable(t, "node (Node.js) is not on PATH; install nodejs")
	}
	if _, err := os.Stat(filepath.Join(Modules(), "mermaid", "package.json")); err != nil {
		unavailable(t, "the mermaid npm package is not installed in "+Modules()+"; run `npm ci` in "+dir()+" or set ERGEN_NODE_MODULES")
	}
	cmd := exec.Command(node, append([]string{filepath.Join(dir(), "parse.mjs")}, files...)...)
	cmd.Env = append(os.Environ(), "ERGEN_NODE_MODULES="+Modules())
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("node parse.mjs: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("node parse.mjs: %v", err)
	}
	var ds []Diagram
	if err := json.Unmarshal(out, &ds); err != nil {
		t.Fatalf("reading parse.mjs output: %v\n%s", err, out)
	}
	if len(ds) != len(files) {
		t.Fatalf("parse.mjs returned %d results for %d files", len(ds), len(files))
	}
	return ds
}

// unavailable skips the test, or fails it under CI=true, where every tool
// the tests need is installed by .ci/run.
func unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: required)", why)
	}
	t.Skip(why)
}
