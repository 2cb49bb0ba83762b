package model

import (
	"strconv"

	"github.com/ergen-dev/ergen/dsl"
)

// Domain is a declared domain: a type with constraints of its own
// (CREATE DOMAIN), used as an attribute's type. A column of the domain
// holds values of its base type that pass its checks.
type Domain struct {
	Pos     dsl.Pos
	Name    string // as declared: Year
	SQLName string // year
	// Type is the base type; never a serial type.
	Type Type
	// Checks are the domain's CHECK constraints, whose expressions name
	// the value with VALUE. A check without `as NAME` is named as
	// PostgreSQL would name it: year_check, year_check1, ...
	Checks  []*Check
	Default string // SQL expression as written, or ""
	NotNull bool
}

// domainDecl records a domain's name; its type and clauses are resolved
// by domainBodies once every enum and domain is known.
func (r *resolver) domainDecl(d *dsl.DomainDecl) {
	name := d.Name.Value
	p, e := at(d.Name)
	_, isEnum := r.enums[name]
	_, isDomain := r.domains[name]
	if isEnum || isDomain {
		r.diags.Errorf(p, e, "domain %s has the name of another type", dsl.QuoteName(name)).Hintf("rename one of them")
		return
	}
	dom := &Domain{Pos: p, Name: name, SQLName: ShortenIdent(SnakeCase(name))}
	if d.SQLName != nil {
		dom.SQLName = ShortenIdent(d.SQLName.Value)
	}
	r.domains[name] = dom
	r.domainDecls = append(r.domainDecls, d)
	r.s.Domains = append(r.s.Domains, dom)
}

// domainBodies resolves each domain's base type, checks, default and NOT
// NULL. A domain's base type may be an enum, a type by name or a domain
// declared before it.
func (r *resolver) domainBodies() {
	// A domain sees only the domains declared before it, the order
	// CREATE DOMAIN runs in; this also rules out a domain based on itself.
	all := r.domains
	r.domains = make(map[string]*Domain, len(all))
	defer func() { r.domains = all }()
	for i, d := range r.domainDecls {
		dom := r.s.Domains[i]
		base := typeName(d.Type)
		if later, ok := all[base]; ok && r.domains[base] == nil {
			r.diags.Errorf(pos(d.Type.Pos), pos(d.Type.EndPos), "domain %s is based on domain %s, declared after it", dsl.QuoteName(dom.Name), dsl.QuoteName(later.Name)).
				Hintf("declare %s before %s", dsl.NameExcerpt(later.Name), dsl.NameExcerpt(dom.Name))
			r.domains[dom.Name] = dom
			continue
		}
		typ, ok := r.typeRef(d.Type)
		r.domains[dom.Name] = dom
		if !ok {
			continue
		}
		tp, te := pos(d.Type.Pos), pos(d.Type.EndPos)
		switch {
		case typ.IsSerial():
			r.diags.Errorf(tp, te, "domain %s cannot be based on %s", dsl.QuoteName(dom.Name), typ.SQL()).Hintf("use %s, the type a serial column has", typ.Referencing().SQL())
		case d.Type.Nullable:
			r.diags.Errorf(tp, te, "a domain's type takes no ?").Hintf("each column of the domain says whether it may be NULL; write `not null` for a domain that never is")
		}
		dom.Type = typ
		for _, o := range d.Options {
			switch {
			case o.Check != nil:
				ck := &Check{Pos: pos(o.Check.Pos), Expr: r.checkExpr(o.Check)}
				if o.CheckName != nil {
					ck.Name = ShortenIdent(o.CheckName.Value)
				}
				dom.Checks = append(dom.Checks, ck)
			case o.Default != nil:
				if dom.Default != "" {
					r.diags.Errorf(pos(o.Pos), pos(o.EndPos), "domain %s has two defaults", dsl.QuoteName(dom.Name))
				}
				dom.Default = r.f.Text(o.Default.Pos, o.Default.EndPos)
			case o.NotNull:
				dom.NotNull = true
			case o.Collate != nil:
				if dom.Type.Collation != "" {
					r.diags.Errorf(pos(o.Pos), pos(o.EndPos), "domain %s has two collations", dsl.QuoteName(dom.Name))
				}
				dom.Type.Collation = r.collation(typ, "domain", dom.Name, pos(o.Pos), o.Collate)
			}
		}
		nameDomainChecks(dom)
	}
}

// nameDomainChecks gives each unnamed check of d the name PostgreSQL's
// ChooseConstraintName would: the domain's name and "check", numbered
// from 1 when taken.
func nameDomainChecks(d *Domain) {
	taken := map[string]bool{}
	for _, ck := range d.Checks {
		taken[ck.Name] = ck.Name != ""
	}
	for _, ck := range d.Checks {
		if ck.Name != "" {
			continue
		}
		base := d.SQLName + "_check"
		name := ShortenIdent(base)
		for n := 1; taken[name]; n++ {
			name = ShortenIdent(base + strconv.Itoa(n))
		}
		ck.Name, taken[name] = name, true
	}
}

// domainType resolves a written type that names a domain.
func (r *resolver) domainType(tr *dsl.TypeRef, name string) (Type, bool, error) {
	dom, ok := r.domains[name]
	if !ok {
		return Type{}, false, nil
	}
	if len(tr.Params) > 0 {
		return Type{}, true, errDomainParams(name)
	}
	return Type{Base: DomainType, Domain: dom, Array: len(tr.Array) / 2}, true, nil
}

type errDomainParams string

func (e errDomainParams) Error() string { return "domain " + string(e) + " takes no parameters" }

// Underlying is the type t stands for once its domains are looked
// through: a domain's base type, with t's array dimensions added.
func (t Type) Underlying() Type {
	for t.Base == DomainType {
		arr, goType := t.Array, t.Go
		t = t.Domain.Type
		t.Array += arr
		if goType != "" {
			t.Go = goType
		}
	}
	return t
}

// InsertDefault is the expression an INSERT that gives the column no value
// stores: the column's default, or else its domain's (a domain's own, or
// that of the domain it is based on), or "".
func (c *Column) InsertDefault() string {
	if c.Default != "" || c.Type.Array > 0 {
		return c.Default
	}
	for t := c.Type; t.Base == DomainType && t.Array == 0; t = t.Domain.Type {
		if t.Domain.Default != "" {
			return t.Domain.Default
		}
	}
	return ""
}

// ComparedAs is the type a value of type t is compared as in SQL: the
// enum, for a domain over an enum (through domains over domains), since
// PostgreSQL 15 has no operator for such a domain (feeling = feeling and
// feeling = mood do not exist: the enum's operators take anyenum, which a
// domain does not match); t itself for any other type. An array of such a
// domain compares as itself (feeling[] = feeling[] exists), and so does a
// domain over an enum's array.
func (t Type) ComparedAs() Type {
	if u := t.Underlying(); t.Base == DomainType && t.Array == 0 && u.Base == EnumType && u.Array == 0 {
		u.Go = ""
		return u
	}
	return t
}

// EnumDomain reports whether t is a domain over an enum (at any depth),
// which PostgreSQL 15 compares with no operator: `f = $1` fails, and a
// foreign key or an exclusion constraint cannot be built on it.
func (t Type) EnumDomain() bool { return t.ComparedAs().Base != t.Base }

// CompareCast is the cast that makes an SQL expression of type t, such as
// a column's name, comparable: "::shop.mood" for a domain over the enum
// shop.mood (see ComparedAs), "" for a type that compares as itself. Every
// comparison of such a column in generated SQL (a key's =, a keyset's
// row comparison, = ANY of a batch) reads it cast; its parameter then
// has the enum's type. The cast of a domain to its base type is a
// relabelling, so an index on the column serves the comparison (Index
// Cond: f = $1); an ORDER BY of the cast would not use the index, so an
// order names the column alone.
func (s *Schema) CompareCast(t Type) string {
	if c := t.ComparedAs(); c.Base != t.Base {
		return "::" + s.TypeSQL(c)
	}
	return ""
}
