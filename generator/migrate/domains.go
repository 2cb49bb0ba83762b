package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// domains creates the domains NEW declares and OLD does not, with the
// types, before the tables that use them. A domain that changes (its base
// type, default, NOT NULL or checks) is refused: ALTER DOMAIN validates a
// new check or NOT NULL against every column of the domain, which ergen
// does not plan yet.
func (p *planner) domains() {
	old := map[string]*model.Domain{}
	for _, d := range p.old.Domains {
		old[d.SQLName] = d
	}
	for _, nd := range p.new.Domains {
		od := old[nd.SQLName]
		switch {
		case od == nil:
			p.add(&Step{Phase: PhaseTypes, What: "create domain " + nd.SQLName, Pos: nd.Pos, Transactional: true,
				SQL: []string{postgres.CreateDomain(p.new, nd)}})
		case postgres.CreateDomain(p.old, od) != postgres.CreateDomain(p.new, nd):
			p.refuse(named(nd.Pos, nd.Name), Unsupported, "domain %s changes its type, default, NOT NULL or checks", nd.Name)
		}
	}
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
			SQL: []string{"DROP DOMAIN " + p.old.Qualify(od.SQLName) + ";"}})
	}
}
