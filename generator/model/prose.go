package model

import "strings"

// Nouns, articles and lists for the sentences ergen writes about a model:
// generated Go comments and errors, explain trees, lint warnings and the
// review document all name rows and columns through these, so that they
// say the same thing the same way.

// Noun names one row of t in prose: "order item" for OrderItem, the
// singular of a junction table's name.
func (t *Table) Noun() string {
	if t.Entity != nil {
		return strings.ReplaceAll(SnakeCase(t.Entity.Name), "_", " ")
	}
	return strings.ReplaceAll(Singular(t.Name), "_", " ")
}

// PluralNoun names many rows of t in prose: "order items".
func (t *Table) PluralNoun() string {
	if t.Entity != nil {
		return strings.ReplaceAll(Plural(SnakeCase(t.Entity.Name)), "_", " ")
	}
	return strings.ReplaceAll(t.Name, "_", " ")
}

// Article puts "a" or "an" before a phrase, by how its first letter
// sounds, whatever its case: "an order", "an Order", "a user", "a Unit".
func Article(phrase string) string {
	lower := strings.ToLower(phrase)
	an := lower != "" && strings.ContainsRune("aeiou", rune(lower[0]))
	// "a user", "a unique key": a u sounding as "you".
	for _, p := range []string{"us", "uni", "uti", "ur"} {
		if strings.HasPrefix(lower, p) {
			an = false
		}
	}
	if an {
		return "an " + phrase
	}
	return "a " + phrase
}

// ColumnNames lists column names as prose and comments do: "tenant_id,
// user_id".
func ColumnNames(cols []*Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// ErrorKeyColumns lists a key's columns as PostgreSQL prints them in the
// Detail of a violation, Key (code, "Region")=(...): quoted where
// quote_ident would quote them, as DDL lists them (AppendColumnList).
func ErrorKeyColumns(cols []*Column) string { return string(AppendColumnList(nil, cols)) }
