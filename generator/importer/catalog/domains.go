package catalog

import (
	"cmp"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/model"
)

// Domain is a domain of the schema (CREATE DOMAIN).
type Domain struct {
	Name string
	// Type is format_type of the base type: "integer", "public.citext",
	// "shop.mood".
	Type    string
	NotNull bool
	Default Expr    // "" for none
	Checks  []Check // by name
	// Collation is the domain's collation when it is not its base type's
	// default ("C"), or "", qualified where its name alone would not find
	// it (see collationNameSQL).
	Collation string
}

// Domain returns the domain named name, or nil.
func (c *Catalog) Domain(name string) *Domain {
	for i := range c.Domains {
		if c.Domains[i].Name == name {
			return &c.Domains[i]
		}
	}
	return nil
}

// domainsSQL lists the schema's domains but an extension's, and
// domainChecksSQL their CHECK constraints (a domain's NOT NULL is
// typnotnull, not a constraint).
var (
	domainsSQL = `
SELECT t.oid, t.typname::text, format_type(t.typbasetype, t.typtypmod), t.typnotnull,
       coalesce(pg_get_expr(t.typdefaultbin, 0), ''),
       coalesce(CASE WHEN t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype)
                     THEN ` + collationNameSQL("t.typcollation") + ` END, '')
FROM pg_type t
WHERE t.typnamespace = $1 AND t.typtype = 'd'
  AND ` + notOfExtensionSQL("'pg_type'::regclass", "t.oid")
	domainChecksSQL = `
SELECT c.contypid, c.conname::text, pg_get_constraintdef(c.oid)
FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid
WHERE t.typnamespace = $1 AND c.contype = 'c'`
)

func (r *reader) domains() error {
	rows, err := r.tx.Query(r.ctx, domainsSQL, r.ns)
	if err != nil {
		return err
	}
	byOID := map[uint32]int{}
	var oid uint32
	var d Domain
	var def string
	_, err = pgx.ForEachRow(rows, []any{&oid, &d.Name, &d.Type, &d.NotNull, &def, &d.Collation}, func() error {
		d.Default = Expr(def)
		byOID[oid] = len(r.cat.Domains)
		r.cat.Domains = append(r.cat.Domains, d)
		return nil
	})
	if err != nil || len(byOID) == 0 {
		return err
	}
	rows, err = r.tx.Query(r.ctx, domainChecksSQL, r.ns)
	if err != nil {
		return err
	}
	var ck Check
	var ckDef string
	_, err = pgx.ForEachRow(rows, []any{&oid, &ck.Name, &ckDef}, func() error {
		if i, ok := byOID[oid]; ok {
			ck.Def = Expr(ckDef)
			r.cat.Domains[i].Checks = append(r.cat.Domains[i].Checks, ck)
		}
		return nil
	})
	return err
}

// sortDomains puts the domains and their checks in name order.
func (c *Catalog) sortDomains() {
	slices.SortFunc(c.Domains, func(a, b Domain) int { return cmp.Compare(a.Name, b.Name) })
	for i := range c.Domains {
		slices.SortFunc(c.Domains[i].Checks, func(a, b Check) int { return cmp.Compare(a.Name, b.Name) })
	}
}

// expectDomains is Expect's part for the model's domains.
func expectDomains(s *model.Schema, c *Catalog) {
	for _, d := range s.Domains {
		cd := Domain{Name: d.SQLName, Type: FormatType(s, d.Type), NotNull: d.NotNull, Default: Expr(domainDefault(d)), Collation: ownCollation(d.Type)}
		for _, ck := range d.Checks {
			cd.Checks = append(cd.Checks, Check{Name: ck.Name, Def: Expr("CHECK " + ck.Expr)})
		}
		c.Domains = append(c.Domains, cd)
	}
}

// domainDefault is d's default as PostgreSQL records it: a domain
// declared without one over a domain with one copies its base's
// (CREATE DOMAIN inherits the base type's default).
func domainDefault(d *model.Domain) string {
	for d.Default == "" && d.Type.Domain != nil {
		d = d.Type.Domain
	}
	return d.Default
}

// domains reports the domains that differ between the model and the
// database.
func (d *differ) domains(model, db *Catalog) {
	name := func(x Domain) string { return x.Name }
	for _, n := range union(names(model.Domains, name), names(db.Domains, name)) {
		md, dd := model.Domain(n), db.Domain(n)
		switch {
		case md == nil:
			d.add("", "domain %s is in the database, not in the model", n)
		case dd == nil:
			d.add("", "domain %s is in the model, not in the database", n)
		default:
			d.cur = ""
			what := "domain " + n
			d.prop(what, "the type", md.Type, dd.Type)
			d.prop(what, "NOT NULL", md.NotNull, dd.NotNull)
			d.prop(what, "the collation", md.Collation, dd.Collation)
			if !md.Default.Equal(dd.Default) {
				d.prop(what, "the default", md.Default, dd.Default)
			}
			checks := func(cs []Check) []Expr {
				out := make([]Expr, len(cs))
				for i, c := range cs {
					out[i] = Expr(c.Name + " " + string(c.Def))
				}
				return out
			}
			if a, b := showExprs(checks(md.Checks)), showExprs(checks(dd.Checks)); a != b {
				d.note("%s: the checks are %s in the database, %s in the model", what, b, a)
			} else {
				for i, c := range md.Checks { // alike, so paired by place
					d.exact(what, "check "+c.Name, d.settled.Checks[n], c.Name, c.Def, dd.Checks[i].Def)
				}
			}
		}
	}
}

// ownCollation is the collation Read reports for a column or domain of
// type t: its collate clause, unless that names the collation its type
// has anyway (a domain's own, or "default" for a type without one), which
// the catalog does not tell apart from no clause.
func ownCollation(t model.Type) string {
	typ := t.TypeCollation()
	if t.Collation == typ || t.Collation == "default" && typ == "" {
		return ""
	}
	return t.Collation
}
