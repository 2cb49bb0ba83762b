package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// enums creates new enum types and adds values to existing ones. A value
// is added in a step of its own, outside a transaction, so that the steps
// after it may use it. PostgreSQL cannot remove or reorder values.
func (p *planner) enums() {
	old := map[string]*model.Enum{}
	for _, en := range p.old.Enums {
		old[en.SQLName] = en
	}
	for _, ne := range p.new.Enums {
		oe := old[ne.SQLName]
		if oe == nil {
			p.add(&Step{Phase: PhaseTypes, What: "create enum " + ne.SQLName, Pos: ne.Pos, Transactional: true,
				SQL: []string{postgres.CreateEnum(p.new, ne)}})
			continue
		}
		if !p.enumKept(oe, ne) {
			continue
		}
		for i, v := range ne.Values {
			if slices.Contains(oe.Values, v) {
				continue
			}
			// The value before it in NEW exists by now; the first value
			// goes before the first of OLD's.
			where := " BEFORE " + postgres.QuoteLiteral(oe.Values[0])
			if i > 0 {
				where = " AFTER " + postgres.QuoteLiteral(ne.Values[i-1])
			}
			p.add(&Step{Phase: PhaseTypes, What: "add value " + v + " to enum " + ne.SQLName, Pos: ne.Pos,
				SQL: []string{"ALTER TYPE " + p.new.Qualify(ne.SQLName) + " ADD VALUE IF NOT EXISTS " +
					postgres.QuoteLiteral(v) + where + ";"}})
		}
	}
}

// enumKept reports whether every value of oe is in ne, in the same order,
// and refuses the change otherwise.
func (p *planner) enumKept(oe, ne *model.Enum) bool {
	last := -1
	for _, v := range oe.Values {
		i := slices.Index(ne.Values, v)
		switch {
		case i < 0:
			p.refuse(named(ne.Pos, ne.Name), EnumValueRemoved, "enum %s loses the value %s", ne.Name, postgres.QuoteLiteral(v))
			return false
		case i < last:
			p.refuse(named(ne.Pos, ne.Name), EnumReordered, "enum %s moves the value %s", ne.Name, postgres.QuoteLiteral(v))
			return false
		}
		last = i
	}
	return true
}

// dropEnums drops the enum types NEW no longer has, once no column uses
// them.
func (p *planner) dropEnums() {
	for _, oe := range p.old.Enums {
		if slices.ContainsFunc(p.new.Enums, func(ne *model.Enum) bool { return ne.SQLName == oe.SQLName }) {
			continue
		}
		s := p.add(&Step{Phase: PhaseDropTypes, What: "drop enum " + oe.SQLName, Pos: oe.Pos, Transactional: true,
			SQL: []string{"DROP TYPE IF EXISTS " + p.old.Qualify(oe.SQLName) + ";"}})
		p.hazard(s, named(oe.Pos, oe.Name), DropEnum, "enum %s is gone", oe.Name)
	}
}

// extensions creates the extensions NEW declares and OLD does not, first,
// since a type, operator class or function they provide may be used by
// what follows; dropExtensions drops the ones NEW no longer declares.
func (p *planner) extensions() {
	for _, x := range p.new.Extensions {
		if !slices.Contains(p.old.Extensions, x) {
			at := extensionAt(p.new, x)
			p.add(&Step{Phase: PhaseTypes, What: "create extension " + x, Pos: at,
				Transactional: true, SQL: []string{"CREATE EXTENSION IF NOT EXISTS " + model.QuoteIdent(x) + ";"}})
		}
	}
}
