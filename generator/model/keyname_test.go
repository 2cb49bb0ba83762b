package model_test

func init() { checkCases = append(checkCases, keyNameCases...) }

// keyNameCases: `key ... as NAME`, the name of the primary key a
// relationship makes: a junction's, a shared key's.
var keyNameCases = []checkCase{
	{
		name: "keys of junctions and shared keys named",
		src: `entity Actor { id serial pk }
entity Film { id serial pk }
entity Bio { text text? }
relationship Actor M:N Film { key composite as film_actor_pkey }
relationship Actor M:N Film as star, hit { key line (pos) as hits_pkey; table "hits" }
relationship Actor M:N Film as fan, fave { key as faves_pkey; table "faves" }
relationship Actor 1:1 Bio shared key { key as bio_pkey }
`,
	},
	{
		name: "key as NAME beside a surrogate key attribute",
		src: `entity Actor { id serial pk }
entity Film { id serial pk }
relationship Actor M:N Film {
  link_id bigint pk
  key as film_actor_pkey
}
`,
	},
	{
		name: "key names that name nothing or collide",
		src: `entity Actor { id serial pk }
entity Film { id serial pk }
relationship Actor M:N Film {
  id bigint pk as film_actor_id_key
  key surrogate as film_actor_pkey
}
relationship Actor 1:N Film as lead { key as lead_pkey }
relationship Actor M:N Film as fan, fave { key as pk_films; table "faves" }
`,
		want: []string{
			"t.er:5:20: error: the primary key of \"actor_films\" is named twice: film_actor_id_key and film_actor_pkey",
			"= hint: keep one of the names",
			"t.er:7:39: error: `key as lead_pkey` names the primary key of a junction or of a shared key, which Actor 1:N Film as lead does not make",
			"= hint: name the key of Film in its block: `pk (...) as lead_pkey`",
			"t.er:8:1: error: name \"pk_films\" of primary key of faves is already used by primary key of Film",
			"= hint: give one of them another name",
		},
	},
}
