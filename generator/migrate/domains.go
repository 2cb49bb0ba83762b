package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// domains creates the domains NEW declares and OLD does not, with the
// types, before the tables that use them, and changes the ones both
// have (see alterDomain).
func (p *planner) domains() {
	old := map[string]*model.Domain{}
	for _, d := range p.old.Domains {
		old[d.SQLName] = d
	}
	rebased := p.rebasedDomains(old)
	for _, nd := range p.new.Domains {
		od := old[nd.SQLName]
		switch {
		case od == nil:
			p.add(&Step{Phase: PhaseTypes, What: "create domain " + nd.SQLName, Pos: nd.Pos, Transactional: true,
				SQL: []string{postgres.CreateDomain(p.new, nd)}})
		case rebased[nd.SQLName]:
			p.rebaseDomain(od, nd)
		case postgres.CreateDomain(p.old, od) != postgres.CreateDomain(p.new, nd):
			p.alterDomain(od, nd)
		}
	}
}

// rebasedDomains are the domains, by name, that both models have and
// rebaseDomain replaces: the base type changes, or the domain it is
// based on is replaced (its values are then of the new one).
func (p *planner) rebasedDomains(old map[string]*model.Domain) map[string]bool {
	out := map[string]bool{}
	for _, nd := range p.new.Domains {
		od := old[nd.SQLName]
		if od != nil && (p.old.TypeSQL(od.Type) != p.new.TypeSQL(nd.Type) ||
			od.Type.Base == model.DomainType && out[od.Type.Domain.SQLName]) {
			out[nd.SQLName] = true
		}
	}
	return out
}

// alterDomain changes a domain in place. What loosens it (a check
// dropped, NOT NULL dropped, the default) goes first, in one catalog
// update that locks no table. What tightens it goes last, once every
// column has its new type: a check is added NOT VALID, which locks no
// table, then validated in a transaction of its own; SET NOT NULL, which
// PostgreSQL 15 cannot add NOT VALID, in one too. Validating locks every
// table with a column of the domain in SHARE mode, which lets reads go
// on but blocks writes while it scans: PostgreSQL checks a domain's
// columns that way, unlike a table's check.
//
// A changed base type is planned by rebaseDomain: ALTER DOMAIN cannot
// change it.
func (p *planner) alterDomain(od, nd *model.Domain) {
	name := p.new.Qualify(nd.SQLName)
	alter := func(action string) string { return "ALTER DOMAIN " + name + " " + action + ";" }
	same := func(a, b *model.Check) bool { return a.Name == b.Name && a.Expr == b.Expr }
	loosen := &Step{Phase: PhaseTypes, What: "loosen domain " + nd.SQLName, Pos: nd.Pos, Transactional: true}
	for _, oc := range od.Checks {
		if !slices.ContainsFunc(nd.Checks, func(nc *model.Check) bool { return same(oc, nc) }) {
			loosen.SQL = append(loosen.SQL, alter("DROP CONSTRAINT "+model.QuoteIdent(oc.Name)))
		}
	}
	if od.NotNull && !nd.NotNull {
		loosen.SQL = append(loosen.SQL, alter("DROP NOT NULL"))
	}
	if od.Default != nd.Default {
		if nd.Default == "" {
			loosen.SQL = append(loosen.SQL, alter("DROP DEFAULT"))
		} else {
			loosen.SQL = append(loosen.SQL, alter("SET DEFAULT "+nd.Default))
		}
	}
	if len(loosen.SQL) > 0 {
		p.add(loosen)
	}
	locks := p.domainLocks(nd)
	for _, nc := range nd.Checks {
		if slices.ContainsFunc(od.Checks, func(oc *model.Check) bool { return same(oc, nc) }) {
			continue
		}
		check := model.QuoteIdent(nc.Name)
		p.add(&Step{Phase: PhaseConstraints, What: "add check " + nc.Name + " to domain " + nd.SQLName, Pos: nc.Pos, Transactional: true,
			SQL: []string{alter("ADD CONSTRAINT " + check + " CHECK " + nc.Expr + " NOT VALID")}})
		p.add(&Step{Phase: PhaseValidate, What: "validate " + nc.Name + " of domain " + nd.SQLName, Pos: nc.Pos, Transactional: true,
			Scans: len(locks) > 0, SQL: []string{alter("VALIDATE CONSTRAINT " + check)}, Locks: locks})
	}
	if nd.NotNull && !od.NotNull {
		p.add(&Step{Phase: PhaseValidate, What: "make domain " + nd.SQLName + " NOT NULL", Pos: nd.Pos, Transactional: true,
			Scans: len(locks) > 0, SQL: []string{alter("SET NOT NULL")}, Locks: locks})
	}
}

// domainLocks are the SHARE locks PostgreSQL takes to check a domain's
// values: on every table (every partition too) with a column of the
// domain, or of a domain based on it.
func (p *planner) domainLocks(d *model.Domain) []Lock {
	var locks []Lock
	for _, t := range p.new.Tables {
		if !slices.ContainsFunc(t.Columns, func(c *model.Column) bool { return basedOn(c.Type, d) }) {
			continue
		}
		locks = append(locks, Lock{t.Name, Share})
		for _, q := range t.AllPartitions() {
			locks = append(locks, Lock{q.Name, Share})
		}
	}
	return locks
}

// basedOn reports whether values of t are values of domain d: t is d, a
// domain based on it, or an array of either.
func basedOn(t model.Type, d *model.Domain) bool {
	for t.Base == model.DomainType {
		if t.Domain.SQLName == d.SQLName {
			return true
		}
		t = t.Domain.Type
	}
	return false
}

// dropDomains drops the domains NEW no longer has, once no column uses
// them, the last declared first (a domain may be based on one before it).
// The columns that used one were changed or dropped by then, with their
// own hazards; the domain itself holds no data.
func (p *planner) dropDomains() {
	kept := map[string]bool{}
	for _, nd := range p.new.Domains {
		kept[nd.SQLName] = true
	}
	for i := len(p.old.Domains) - 1; i >= 0; i-- {
		od := p.old.Domains[i]
		if kept[od.SQLName] {
			continue
		}
		p.add(&Step{Phase: PhaseDropTypes, What: "drop domain " + od.SQLName, Pos: od.Pos, Transactional: true,
			SQL: []string{"DROP DOMAIN IF EXISTS " + p.old.Qualify(od.SQLName) + ";"}})
	}
	// The replaced domains renamed aside, after the domains based on
	// them, the last replaced first.
	for _, s := range slices.Backward(p.asideDomains) {
		p.add(s)
	}
}
