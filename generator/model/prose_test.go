package model

import "testing"

func TestArticle(t *testing.T) {
	for phrase, want := range map[string]string{
		"order":       "an order",
		"Order":       "an Order",
		"AccountG":    "an AccountG",
		"user":        "a user",
		"User":        "a User",
		"unique key":  "a unique key",
		"Unit":        "a Unit",
		"item":        "an item",
		"line":        "a line",
		"":            "a ",
		"utility fee": "a utility fee",
	} {
		if got := Article(phrase); got != want {
			t.Errorf("Article(%q) = %q, want %q", phrase, got, want)
		}
	}
}
