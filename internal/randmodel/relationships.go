package randmodel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Relationships: roles and FK columns, policies, junction tables.

// role returns a fresh role name; now and then a long one.
func (g *gen) role() string {
	if g.chance(0.05) {
		return longRole + "_" + strings.ToLower(suffix(g.next()))
	}
	return pick(g, roleWords) + "_" + strings.ToLower(suffix(g.next()))
}

// canDefault reports whether an FK to key may be declared with a default
// (0 or 'none') for SET DEFAULT.
func canDefault(key []keyCol) bool {
	return len(key) == 1 && (key[0].typ == "integer" || key[0].typ == "bigint" || key[0].typ == "text")
}

func defaultFor(typ string) string {
	if typ == "text" {
		return "'none'"
	}
	return "0"
}

var actions = []string{"no action", "restrict", "cascade", "set null", "set default"}

// action draws an action that is valid for an FK that is optional or not,
// and whose columns are declared with a default or not.
func (g *gen) action(optional, hasDefault bool) string {
	for {
		a := pick(g, actions)
		if a == "set null" && !optional || a == "set default" && !hasDefault {
			continue
		}
		return a
	}
}

// oneToN adds a 1:N (or a unique-FK 1:1) relationship.
func (g *gen) oneToN(oneToOne bool) {
	p, c := pick(g, g.ents), pick(g, g.ents)
	if g.chance(0.08) {
		c = p
	}
	card := "1:N"
	if oneToOne && !c.partitioned { // a 1:1's unique FK would lack the partition key
		card = "1:1"
	}
	header := fmt.Sprintf("relationship %s %s %s", p.name, card, c.name)
	var items []string
	key := p.pk
	if len(p.uniques) > 0 && g.chance(0.4) {
		key = pick(g, p.uniques)
		items = append(items, "references ("+keyNames(key)+")")
	} else if g.chance(0.08) {
		items = append(items, "references ("+keyNames(key)+")")
	}
	role, named, cols, explicit := g.childColumns(p, c, key)
	if named {
		header += " as " + role
	}
	c.roles[role] = true
	for i := range cols {
		cols[i] = c.addCol(cols[i])
	}
	if explicit {
		if len(cols) == 1 && g.chance(0.5) {
			items = append(items, "column "+cols[0])
		} else {
			items = append(items, "columns ("+strings.Join(cols, ", ")+")")
		}
	}

	items = g.oneToNPolicy(p, c, key, cols, items, oneToOne)
	g.rels = append(g.rels, block(header, items))
}

// childColumns draws the role of a 1:N or 1:1 and its FK columns on the
// child c: a fresh role is drawn until they are free there. named says
// the role must be written; explicit, that the columns are.
func (g *gen) childColumns(p, c *entity, key []keyCol) (role string, named bool, cols []string, explicit bool) {
	explicit = g.chance(0.15)
	role = p.snake
	named = c == p && g.chance(0.5) || g.chance(0.2)
	for {
		if named {
			role = g.role()
		}
		cols = fkColumns(role, key, explicit)
		if !c.roles[role] && !c.taken(cols) {
			break
		}
		named = true
	}
	return role, named, cols, explicit
}

// oneToNPolicy adds a 1:N or 1:1's policy items to items: required or
// optional, actions (with an FK column declared with a default for SET
// DEFAULT), deferrability, constraint name, index and comment.
func (g *gen) oneToNPolicy(p, c *entity, key []keyCol, cols, items []string, oneToOne bool) []string {
	// Required FKs to later entities would form cycles: such an FK is
	// optional or deferrable.
	required := g.chance(0.6)
	deferrable := g.chance(0.12)
	switch {
	case p.idx > c.idx && required && !deferrable:
		if g.chance(0.5) {
			deferrable = true
		} else {
			required = false
		}
	case p == c && required && g.chance(0.7):
		required = false
	}
	declare := canDefault(key) && g.chance(0.35)
	onDelete := g.action(!required, declare)
	onUpdate := g.action(!required, declare)
	if declare {
		// The FK column is declared on the child, with a default.
		null := ""
		if !required {
			null = "?"
		}
		c.lines = append(c.lines, fmt.Sprintf("%s %s%s = %s", cols[0], g.fkType(key[0].typ), null, defaultFor(key[0].typ)))
	}
	switch {
	case required && (!declare || g.chance(0.5)):
		if g.chance(0.6) {
			items = append(items, "required")
		}
	case !required && (!declare || g.chance(0.5)):
		items = append(items, "optional")
	}
	// SET NULL of some columns of a composite key keeps the others.
	setList := ""
	if onDelete == "set null" && len(cols) > 1 && g.chance(0.4) {
		setList = " (" + cols[len(cols)-1] + ")"
	}
	if !required && len(key) > 1 && setList == "" {
		// A NULL in one column of an optional composite key is a mistake,
		// unless a delete leaves it so on purpose.
		items = append(items, "match full")
	}
	if onDelete != "no action" || g.chance(0.2) {
		items = append(items, "on delete "+onDelete+setList)
	}
	if onUpdate != "no action" || g.chance(0.1) {
		items = append(items, "on update "+onUpdate)
	}
	if deferrable {
		items = append(items, pick(g, []string{"deferrable", "deferrable initially deferred", "deferrable initially immediate"}))
	} else if g.chance(0.03) {
		items = append(items, "not deferrable")
	}
	if g.chance(0.08) {
		items = append(items, fmt.Sprintf("constraint %q", g.constraintName()))
	}
	if !oneToOne && g.chance(0.08) {
		items = append(items, "no index")
	}
	if g.chance(0.08) {
		items = append(items, "comment 'links "+p.name+" and "+c.name+"'")
	}
	return g.notValid(c, items)
}

// fkType is the type of a declared FK column toward a key of type typ:
// now and then a narrower one that PostgreSQL compares with it (integer
// toward bigint, varchar toward text), which ER109 warns about.
func (g *gen) fkType(typ string) string {
	switch {
	case typ == "bigint" && g.chance(0.4):
		return "integer"
	case typ == "text" && g.chance(0.3):
		return "varchar(80)"
	}
	return typ
}

func (g *gen) constraintName() string {
	n := g.next()
	if n%7 == 0 {
		return fmt.Sprintf("a constraint name with spaces that is longer than sixty-three bytes %d", n)
	}
	return fmt.Sprintf("fkc_%d", n)
}

func keyNames(key []keyCol) string {
	names := make([]string, len(key))
	for i, k := range key {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}

// manyToMany adds an M:N relationship and its junction table.
func (g *gen) manyToMany() {
	a, b := pick(g, g.ents), pick(g, g.ents)
	if g.chance(0.06) {
		b = a
	}
	header := fmt.Sprintf("relationship %s M:N %s", a.name, b.name)
	roles, fkCols, explicit, named := g.junctionRoles(a, b)
	if named {
		header += fmt.Sprintf(" as %s, %s", roles[0], roles[1])
	}
	// Sides are named by role, or by entity when the roles are implicit.
	sides := roles
	if !named {
		sides = [2]string{a.name, b.name}
	}

	var items []string
	table := model.ShortenIdent(a.snake + "_" + model.Plural(b.snake))
	switch {
	case g.chance(0.1):
		table = fmt.Sprintf("link_table_%d", g.next())
		items = append(items, fmt.Sprintf("table %q", table))
	case g.relations[table] || g.chance(0.3):
		via := pick(g, viaWords) + suffix(g.next())
		header += " via " + via
		table = model.ShortenIdent(model.Plural(model.SnakeCase(via)))
	}
	g.relations[table] = true

	attrs, items := g.junctionColumns(fkCols, explicit, sides, items)
	attrs, items = g.junctionPolicy(a, b, fkCols, sides, attrs, items)
	g.rels = append(g.rels, block(header, append(attrs, items...)))
}

// junctionRoles draws the roles of an M:N, which name the FK columns:
// fresh roles are drawn until the two sides' columns differ. named says
// the roles must be written; explicit, per side, that the columns are.
func (g *gen) junctionRoles(a, b *entity) (roles [2]string, fkCols [2][]string, explicit [2]bool, named bool) {
	explicit = [2]bool{g.chance(0.1), g.chance(0.1)}
	// A second M:N between the same entities, either way round, needs
	// roles for its Go accessors to differ.
	pair := [2]int{min(a.idx, b.idx), max(a.idx, b.idx)}
	named = a == b || g.pairs[pair] || g.chance(0.2)
	g.pairs[pair] = true
	for {
		roles = [2]string{a.snake, b.snake}
		if named {
			roles = [2]string{g.role(), g.role()}
		}
		fkCols[0] = fkColumns(roles[0], a.pk, explicit[0])
		fkCols[1] = fkColumns(roles[1], b.pk, explicit[1])
		if !(&entity{}).taken(append(slices.Clone(fkCols[0]), fkCols[1]...)) {
			break
		}
		named = true
	}
	return roles, fkCols, explicit, named
}

// junctionColumns draws how the junction is keyed and its own attributes,
// and adds the explicit FK columns to items.
func (g *gen) junctionColumns(fkCols [2][]string, explicit [2]bool, sides [2]string, items []string) ([]string, []string) {
	var attrs []string
	cols := map[string]bool{}
	switch g.r.IntN(6) {
	case 0:
		items = append(items, "key surrogate")
		cols["id"] = true
	case 1:
		items = append(items, "key surrogate (link_id)")
		cols["link_id"] = true
	case 2:
		attrs = append(attrs, "id serial pk")
		cols["id"] = true
	case 3:
		items = append(items, pick(g, []string{"key line", "key line (seq)"}))
		cols["line_no"], cols["seq"] = true, true
	case 4:
		items = append(items, "key composite")
	}
	// Now and then the key gets a name of its own, as an imported
	// junction keeps its database's.
	if g.chance(0.15) {
		name := fmt.Sprintf(" as jpk_%d", g.next())
		if n := len(items); n > 0 && strings.HasPrefix(items[n-1], "key ") {
			items[n-1] += name
		} else if len(attrs) == 0 {
			items = append(items, "key"+name)
		}
	}

	for i := range 2 {
		for _, c := range fkCols[i] {
			cols[c] = true
		}
		if explicit[i] {
			items = append(items, fmt.Sprintf("columns %s (%s)", sides[i], strings.Join(fkCols[i], ", ")))
		}
	}
	for range g.r.IntN(3) {
		name := pick(g, junctionAttrs)
		if cols[name] {
			continue
		}
		cols[name] = true
		switch name {
		case "quantity", "share":
			attrs = append(attrs, name+" integer check ("+name+" > 0)")
		case "since":
			attrs = append(attrs, "since date = current_date")
		default:
			attrs = append(attrs, name+" text?")
		}
	}
	return attrs, items
}

// junctionPolicy adds an M:N's actions, per side or for both sides at
// once (with FK columns declared with a default for SET DEFAULT),
// deferrability, constraint name, index and comment.
func (g *gen) junctionPolicy(a, b *entity, fkCols [2][]string, sides [2]string, attrs, items []string) ([]string, []string) {
	var declared [2]bool
	if g.chance(0.25) {
		items = append(items, "on delete "+pick(g, []string{"cascade", "restrict", "no action"}))
	} else {
		for i, ent := range [2]*entity{a, b} {
			declared[i] = canDefault(ent.pk) && g.chance(0.2)
			if declared[i] {
				attrs = append(attrs, fmt.Sprintf("%s %s = %s", fkCols[i][0], ent.pk[0].typ, defaultFor(ent.pk[0].typ)))
			}
			if act := g.action(false, declared[i]); act != "no action" || g.chance(0.3) {
				items = append(items, fmt.Sprintf("on delete %s %s", sides[i], act))
			}
		}
	}
	for i := range 2 {
		if g.chance(0.3) {
			items = append(items, fmt.Sprintf("on update %s %s", sides[i], g.action(false, declared[i])))
		}
	}
	if g.chance(0.1) {
		items = append(items, "deferrable initially deferred")
	}
	if g.chance(0.1) {
		items = append(items, fmt.Sprintf("constraint %s %q", sides[g.r.IntN(2)], g.constraintName()))
	}
	if g.chance(0.1) {
		items = append(items, "no index "+sides[1])
	}
	if g.chance(0.08) {
		items = append(items, "comment 'pairs of "+a.name+" and "+b.name+"'")
	}
	return attrs, items
}
