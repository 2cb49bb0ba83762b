package golang

import (
	"strings"

	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ergen-dev/ergen/generator/model"
)

// dbFile declares DBTX, DB, New, DB.DBTX and InTx.
func (g *gen) dbFile() *jen.File {
	f := g.newFile()
	f.PackageComment(fmt.Sprintf("Package %s reads and writes the tables of %s with pgx/v5.\n\n"+
		"Every method runs one constant SQL statement with bind parameters, on a\n"+
		"*pgxpool.Pool, a *pgx.Conn or a pgx.Tx (see DBTX). A missing row is\n"+
		"ErrNotFound; a violated constraint is a *ForeignKeyError, *UniqueError or\n"+
		"*CheckError naming the relationship or key it protects.", g.opts.Package, g.opts.Source))
	ctx := jen.Qual("context", "Context")
	f.Comment("DBTX is what the generated methods need from pgx; *pgxpool.Pool, *pgx.Conn")
	f.Comment("and pgx.Tx all have it.")
	f.Type().Id("DBTX").Interface(
		jen.Id("Exec").Params(ctx.Clone(), jen.String(), jen.Op("...").Any()).Params(jen.Qual(pgconnPath, "CommandTag"), jen.Error()),
		jen.Id("Query").Params(ctx.Clone(), jen.String(), jen.Op("...").Any()).Params(jen.Qual(pgxPath, "Rows"), jen.Error()),
		jen.Id("QueryRow").Params(ctx.Clone(), jen.String(), jen.Op("...").Any()).Qual(pgxPath, "Row"),
		jen.Id("CopyFrom").Params(ctx.Clone(), jen.Qual(pgxPath, "Identifier"), jen.Index().String(), jen.Qual(pgxPath, "CopyFromSource")).Params(jen.Int64(), jen.Error()),
		jen.Id("SendBatch").Params(ctx.Clone(), jen.Op("*").Qual(pgxPath, "Batch")).Qual(pgxPath, "BatchResults"),
		jen.Id("Begin").Params(ctx.Clone()).Params(jen.Qual(pgxPath, "Tx"), jen.Error()),
	)
	f.Line()
	f.Comment("DB runs the generated queries on a DBTX.")
	f.Type().Id("DB").Struct(jen.Id("db").Id("DBTX"))
	f.Line()
	f.Comment("New returns a DB that runs its queries on db.")
	f.Func().Id("New").Params(jen.Id("db").Id("DBTX")).Op("*").Id("DB").Block(
		jen.Return(jen.Op("&").Id("DB").Values(jen.Dict{jen.Id("db"): jen.Id("db")})),
	)
	f.Line()
	f.Comment("DBTX returns the connection, pool or transaction q runs on, so that SQL of")
	f.Comment("your own can run beside the generated methods, in the same transaction")
	f.Comment("inside InTx.")
	f.Add(recv()).Id("DBTX").Params().Id("DBTX").Block(jen.Return(jen.Id("q").Dot("db")))
	f.Line()
	f.Comment("InTx runs fn in a transaction (a savepoint when q already runs in one): it")
	f.Comment("commits when fn returns nil and rolls back when fn fails or panics.")
	f.Add(recv()).Id("InTx").Params(ctxParam(), jen.Id("fn").Func().Params(jen.Op("*").Id("DB")).Error()).Error().Block(
		jen.Return(jen.Qual(pgxPath, "BeginFunc").Call(jen.Id("ctx"), jen.Id("q").Dot("db"),
			jen.Func().Params(jen.Id("tx").Qual(pgxPath, "Tx")).Error().Block(
				jen.Return(jen.Id("fn").Call(jen.Op("&").Id("DB").Values(jen.Dict{jen.Id("db"): jen.Id("tx")}))),
			))),
	)
	return f
}

// errorsFile declares ErrNotFound, the constraint error types and the
// table from constraint names to what they protect. ergen names every
// constraint, so the lookup by (table, constraint) is exact.
func (g *gen) errorsFile() *jen.File {
	f := g.newFile()
	pkg := g.opts.Package
	f.Comment("ErrNotFound is returned when no row has the given key. It wraps")
	f.Comment("pgx.ErrNoRows, so errors.Is(err, pgx.ErrNoRows) holds as well.")
	f.Var().Id("ErrNotFound").Op("=").Qual("fmt", "Errorf").Call(jen.Lit(pkg+": not found: %w"), jen.Qual(pgxPath, "ErrNoRows"))
	f.Line()
	f.Comment("op is what a statement did, to tell which side of a foreign key it hit.")
	f.Type().Id("op").Uint8()
	f.Const().Defs(
		jen.Id("opSelect").Id("op").Op("=").Iota(),
		jen.Id("opInsert"),
		jen.Id("opUpdate"),
		jen.Id("opDelete"),
	)
	f.Line()
	f.Comment("ForeignKeyError is a violated foreign key (SQLSTATE 23503): the row a")
	f.Comment("statement wrote refers to a missing row, or a delete or update of a")
	f.Comment("referenced row was refused by the relationship's policy.")
	f.Type().Id("ForeignKeyError").Struct(
		jen.Id("Constraint").String().Comment("fk_orders_user"),
		jen.Id("Relationship").String().Comment("as declared: User 1:N Order"),
		jen.Id("Table").String().Comment("the referencing table"),
		jen.Id("RefTable").String().Comment("the referenced table"),
		jen.Id("OnDelete").String().Comment("the policy, in SQL: RESTRICT, NO ACTION, ..."),
		jen.Id("OnUpdate").String(),
		jen.Comment("Referenced is true when a delete or key update of a referenced row"),
		jen.Comment("was refused because rows still refer to it; false when a written"),
		jen.Comment("row refers to a row that does not exist."),
		jen.Id("Referenced").Bool(),
		jen.Id("Deleting").Bool().Comment("with Referenced: the refused change was a delete"),
		jen.Id("child").String().Comment("in messages: an order"),
		jen.Id("children").String().Comment("orders"),
		jen.Id("parent").String().Comment("a user"),
		jen.Id("Err").Op("*").Qual(pgconnPath, "PgError"),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("ForeignKeyError")).Id("Error").Params().String().Block(
		jen.If(jen.Op("!").Id("e").Dot("Referenced")).Block(
			jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit(pkg+": %s refers to %s that does not exist (%s, constraint %s)"),
				jen.Id("e").Dot("child"), jen.Id("e").Dot("parent"), jen.Id("e").Dot("Relationship"), jen.Id("e").Dot("Constraint"))),
		),
		jen.List(jen.Id("event"), jen.Id("action"), jen.Id("verb")).Op(":=").List(jen.Lit("UPDATE"), jen.Id("e").Dot("OnUpdate"), jen.Lit("change the key of")),
		jen.If(jen.Id("e").Dot("Deleting")).Block(
			jen.List(jen.Id("event"), jen.Id("action"), jen.Id("verb")).Op("=").List(jen.Lit("DELETE"), jen.Id("e").Dot("OnDelete"), jen.Lit("delete")),
		),
		jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit(pkg+": cannot %s %s that %s still refer to: %s forbids it (ON %s %s, constraint %s)"),
			jen.Id("verb"), jen.Id("e").Dot("parent"), jen.Id("e").Dot("children"), jen.Id("e").Dot("Relationship"), jen.Id("event"), jen.Id("action"), jen.Id("e").Dot("Constraint"))),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("ForeignKeyError")).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("Err")))
	f.Line()
	f.Comment("UniqueError is a violated primary key or UNIQUE constraint (SQLSTATE 23505).")
	f.Type().Id("UniqueError").Struct(
		jen.Id("Constraint").String(),
		jen.Id("Table").String(),
		jen.Id("Columns").String().Comment("the key's columns: email, or order_id, product_id"),
		jen.Id("words").String(),
		jen.Id("Err").Op("*").Qual(pgconnPath, "PgError"),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("UniqueError")).Id("Error").Params().String().Block(
		jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit(pkg+": %s with this %s already exists (constraint %s)"),
			jen.Id("e").Dot("words"), jen.Id("e").Dot("Columns"), jen.Id("e").Dot("Constraint"))),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("UniqueError")).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("Err")))
	f.Line()
	f.Comment("CheckError is a violated CHECK constraint (SQLSTATE 23514).")
	f.Type().Id("CheckError").Struct(
		jen.Id("Constraint").String(),
		jen.Id("Table").String(),
		jen.Id("Expr").String().Comment("the condition, as declared"),
		jen.Id("words").String(),
		jen.Id("Err").Op("*").Qual(pgconnPath, "PgError"),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("CheckError")).Id("Error").Params().String().Block(
		jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit(pkg+": %s violates %s (constraint %s)"),
			jen.Id("e").Dot("words"), jen.Id("e").Dot("Expr"), jen.Id("e").Dot("Constraint"))),
	)
	f.Line()
	f.Func().Params(jen.Id("e").Op("*").Id("CheckError")).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("Err")))
	f.Line()

	// The tables, keyed by "table.constraint" as PostgreSQL reports them.
	fks, uqs, cks := jen.Dict{}, jen.Dict{}, jen.Dict{}
	for _, t := range g.s.Tables {
		key := func(name string) jen.Code { return jen.Lit(t.Name + "." + name) }
		for _, fk := range t.ForeignKeys {
			fks[key(fk.Name)] = jen.Values(jen.Dict{
				jen.Id("Constraint"):   jen.Lit(fk.Name),
				jen.Id("Relationship"): jen.Lit(fk.Relationship.Label()),
				jen.Id("Table"):        jen.Lit(t.Name),
				jen.Id("RefTable"):     jen.Lit(fk.RefTable.Name),
				jen.Id("OnDelete"):     jen.Lit(string(fk.OnDelete)),
				jen.Id("OnUpdate"):     jen.Lit(string(fk.OnUpdate)),
				jen.Id("child"):        jen.Lit(article(words(t))),
				jen.Id("children"):     jen.Lit(pluralWords(t)),
				jen.Id("parent"):       jen.Lit(article(words(fk.RefTable))),
			})
		}
		keys := t.Uniques
		if t.PrimaryKey != nil {
			keys = append([]*model.Key{t.PrimaryKey}, keys...)
		}
		for _, k := range keys {
			uqs[key(k.Name)] = jen.Values(jen.Dict{
				jen.Id("Constraint"): jen.Lit(k.Name),
				jen.Id("Table"):      jen.Lit(t.Name),
				jen.Id("Columns"):    jen.Lit(columnNames(k.Columns)),
				jen.Id("words"):      jen.Lit(article(words(t))),
			})
		}
		// A unique index (partial, or over expressions) is reported under
		// its own name, as a UNIQUE constraint is.
		for _, ix := range t.Indexes {
			if ix.Unique {
				uqs[key(ix.Name)] = jen.Values(jen.Dict{
					jen.Id("Constraint"): jen.Lit(ix.Name),
					jen.Id("Table"):      jen.Lit(t.Name),
					jen.Id("Columns"):    jen.Lit(indexKeyNames(ix)),
					jen.Id("words"):      jen.Lit(article(words(t))),
				})
			}
		}
		for _, ck := range t.Checks {
			cks[key(ck.Name)] = jen.Values(jen.Dict{
				jen.Id("Constraint"): jen.Lit(ck.Name),
				jen.Id("Table"):      jen.Lit(t.Name),
				jen.Id("Expr"):       jen.Lit(ck.Expr),
				jen.Id("words"):      jen.Lit(article(words(t))),
			})
		}
	}
	f.Var().Defs(
		jen.Id("foreignKeys").Op("=").Map(jen.String()).Id("ForeignKeyError").Values(fks),
		jen.Id("uniques").Op("=").Map(jen.String()).Id("UniqueError").Values(uqs),
		jen.Id("checks").Op("=").Map(jen.String()).Id("CheckError").Values(cks),
	)
	f.Line()
	f.Comment("mapError turns pgx.ErrNoRows into ErrNotFound and a constraint violation")
	f.Comment("of this schema into its typed error; any other error is returned as is.")
	f.Func().Id("mapError").Params(jen.Err().Error(), jen.Id("o").Id("op")).Error().Block(
		jen.If(jen.Qual("errors", "Is").Call(jen.Err(), jen.Qual(pgxPath, "ErrNoRows"))).Block(jen.Return(jen.Id("ErrNotFound"))),
		jen.Var().Id("pe").Op("*").Qual(pgconnPath, "PgError"),
		jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("pe"))).Block(jen.Return(jen.Err())),
		jen.Id("key").Op(":=").Id("pe").Dot("TableName").Op("+").Lit(".").Op("+").Id("pe").Dot("ConstraintName"),
		jen.Switch(jen.Id("pe").Dot("Code")).Block(
			jen.Case(jen.Lit("23503")).Block(
				jen.If(jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("foreignKeys").Index(jen.Id("key")), jen.Id("ok")).Block(
					jen.Comment("PostgreSQL words the two sides differently; the statement's"),
					jen.Comment("kind decides when the message is translated."),
					jen.Switch().Block(
						jen.Case(jen.Qual("strings", "HasPrefix").Call(jen.Id("pe").Dot("Message"), jen.Lit("update or delete"))).Block(
							jen.Id("e").Dot("Referenced").Op("=").True()),
						jen.Case(jen.Qual("strings", "HasPrefix").Call(jen.Id("pe").Dot("Message"), jen.Lit("insert or update"))).Block(
							jen.Id("e").Dot("Referenced").Op("=").False()),
						jen.Default().Block(
							jen.Id("e").Dot("Referenced").Op("=").Id("o").Op("==").Id("opDelete")),
					),
					jen.Id("e").Dot("Deleting").Op("=").Id("e").Dot("Referenced").Op("&&").Id("o").Op("==").Id("opDelete"),
					jen.Id("e").Dot("Err").Op("=").Id("pe"),
					jen.Return(jen.Op("&").Id("e")),
				),
			),
			jen.Case(jen.Lit("23505")).Block(
				jen.If(jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("uniques").Index(jen.Id("key")), jen.Id("ok")).Block(
					jen.Id("e").Dot("Err").Op("=").Id("pe"),
					jen.Return(jen.Op("&").Id("e")),
				),
			),
			jen.Case(jen.Lit("23514")).Block(
				jen.If(jen.List(jen.Id("e"), jen.Id("ok")).Op(":=").Id("checks").Index(jen.Id("key")), jen.Id("ok")).Block(
					jen.Id("e").Dot("Err").Op("=").Id("pe"),
					jen.Return(jen.Op("&").Id("e")),
				),
			),
		),
		jen.Return(jen.Err()),
	)
	return f
}

// enumsFile declares a string type per enum, with a constant per value.
func (g *gen) enumsFile() *jen.File {
	if len(g.s.Enums) == 0 {
		return nil
	}
	f := g.newFile()
	for _, e := range g.s.Enums {
		en := g.n.enums[e]
		name := en.Type
		f.Commentf("%s is the PostgreSQL enum %s.", name, g.s.Qualify(e.SQLName))
		f.Type().Id(name).String()
		f.Line()
		var defs []jen.Code
		for i, v := range e.Values {
			defs = append(defs, jen.Id(en.Consts[i]).Id(name).Op("=").Lit(v))
		}
		f.Commentf("The values of %s, in the enum's order.", name)
		f.Const().Defs(defs...)
		f.Line()
		vals := make([]jen.Code, len(e.Values))
		for i, c := range en.Consts {
			vals[i] = jen.Id(c)
		}
		all := en.All
		f.Commentf("%s lists the values of %s in the enum's order.", all, name)
		f.Func().Id(all).Params().Index().Id(name).Block(jen.Return(jen.Index().Id(name).Values(vals...)))
		f.Line()
		f.Comment("Valid reports whether v is one of the enum's values.")
		cases := make([]jen.Code, len(vals))
		copy(cases, vals)
		f.Func().Params(jen.Id("v").Id(name)).Id("Valid").Params().Bool().Block(
			jen.Switch(jen.Id("v")).Block(
				jen.Case(cases...).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
	}
	return f
}

// indexKeyNames names the keys of an index: a column by its name, an
// expression as written.
func indexKeyNames(ix *model.Index) string {
	names := make([]string, len(ix.Keys))
	for i, k := range ix.Keys {
		if k.Column != nil {
			names[i] = k.Column.Name
		} else {
			names[i] = k.Expr
		}
	}
	return strings.Join(names, ", ")
}
