package main

// commands is every ergen command, in the order help lists them: the
// pipeline first, then review, then housekeeping. Names are a contract
// with users' scripts and go:generate lines. Each command's flags and
// run function live in the file of its kind (commands.go, gocmd.go,
// diffcmd.go, importcmd.go, review.go, reviewdoc.go); a new command is a
// row here, a function there, a script in testdata and a row in the
// README's command table. The list is filled in by init because help
// reads the list it is part of, which a variable's initializer may not.
var commands []*command

func init() {
	commands = []*command{
		{name: "check", args: "FILE... [--format text|json|github]",
			summary: "Check .er files and report every problem, with warnings.",
			flags:   cmdCheck},
		{name: "sql", args: "FILE... [-o OUT.sql]",
			summary: "Write the PostgreSQL DDL of an .er file (to standard output by default).",
			flags:   cmdSQL},
		{name: "go", args: "FILE... -o DIR [--package NAME] [--go-import PATH]... [--check]",
			summary: "Write the Go package (pgx/v5) for an .er file into DIR.",
			flags:   cmdGo},
		{name: "generate", args: "FILE... --sql OUT.sql --go DIR [--package NAME] [--go-import PATH]... [--check]",
			summary: "Write the DDL and the Go package in one run (for //go:generate).",
			flags:   cmdGenerate},
		{name: "diff", args: "(OLD.er | --from-db URL) NEW.er [--allow drop,rewrite] [--lock-timeout 5s]",
			summary: "Print the SQL that migrates a database from OLD's schema, or a live database's, to NEW's, for psql.",
			flags:   cmdDiff},
		{name: "migrate", args: "OLD.er NEW.er --dir DIR --name NAME [--format plain|goose|golang-migrate] [--plan FILE] [--allow drop,rewrite] [--lock-timeout 5s]",
			summary: "Write the migration from OLD to NEW as versioned files for a migration runner.",
			flags:   cmdMigrate},
		{name: "import", args: "--db URL [--schema NAME] [-o OUT.er] [--format text|json]",
			summary: "Read a PostgreSQL schema and write the .er model that reproduces it.",
			flags:   cmdImport},
		{name: "drift", args: "--db URL [--schema NAME] FILE",
			summary: "Compare a database with a model: exit 0 when equal, 1 listing the differences.",
			flags:   cmdDrift},
		{name: "explain", args: "FILE ENTITY [--update | --insert]",
			summary: "Show what deleting one row of ENTITY does, through every relationship.",
			flags:   cmdExplain},
		{name: "lint", args: "FILE... [--format text|json|github] [--strict]",
			summary: "Report design warnings (ER1xx) beyond the errors of check.",
			flags:   cmdLint},
		{name: "diagram", args: "FILE... [--format mermaid|dot] [-o OUT]",
			summary: "Draw the ER diagram of an .er file, as Mermaid or Graphviz DOT.",
			flags:   cmdDiagram},
		{name: "doc", args: "FILE... [-o OUT.md|OUT.html] [--format md|html]",
			summary: "Write a design-review document: diagram, tables, relationships, delete trees.",
			flags:   cmdDoc},
		{name: "fmt", args: "FILE... [-w] [--check]",
			summary: "Format .er files in the canonical layout, keeping comments.",
			flags:   cmdFmt},
		{name: "version", args: "",
			summary: "Print ergen's version.",
			flags:   cmdVersion},
		{name: "help", args: "[COMMAND]",
			summary: "Show the commands, or one command's usage and flags.",
			flags:   cmdHelp},
	}
}
