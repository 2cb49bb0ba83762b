package contacts_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/examples/contacts/contactsdb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// calls fails the run when a test leaves a method of contactsdb.DB
// uncalled.
var calls = golangtest.NewCalls(&contactsdb.DB{})

func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "contacts.er", "contactsdb", "contactsdb")
}

// open returns the generated package on a fresh database with schema.sql,
// recording the methods the test calls. Each test has its own database, so
// tests run in parallel.
func open(t *testing.T) (*contactsdb.DB, context.Context) {
	t.Helper()
	t.Parallel()
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "contacts.er")
	return contactsdb.New(calls.Wrap(pool)), context.Background()
}

func ptr[T any](v T) *T { return &v }

func must[T any](t testing.TB) func(T, error) T { return golangtest.Must[T](t) }

// TestCRUD: the identity keys are the database's, Update writes every other
// column, Delete leaves nothing to find.
func TestCRUD(t *testing.T) {
	db, ctx := open(t)
	acme := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Acme"}))
	globex := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Globex"}))
	if acme.CustomerID == 0 || globex.CustomerID <= acme.CustomerID || acme.CustomerName != "Acme" {
		t.Fatalf("Create(Customers) returned %+v and %+v, want rows with increasing identity keys", acme, globex)
	}
	if got := must[contactsdb.Customer](t)(contactsdb.Get(ctx, db, contactsdb.CustomerByCustomerID, acme.CustomerID)); got != acme {
		t.Errorf("Get(CustomerByCustomerID) = %+v, want %+v", got, acme)
	}
	acme.CustomerName = "Acme Corp"
	if err := contactsdb.Update(ctx, db, contactsdb.Customers, &acme); err != nil {
		t.Fatal(err)
	}
	if got := must[contactsdb.Customer](t)(contactsdb.Get(ctx, db, contactsdb.CustomerByCustomerID, acme.CustomerID)); got.CustomerName != "Acme Corp" {
		t.Errorf("after Update(Customers), name = %q", got.CustomerName)
	}
	if err := contactsdb.Update(ctx, db, contactsdb.Customers, &contactsdb.Customer{CustomerID: 999, CustomerName: "x"}); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("Update(Customers) of a missing row: %v, want ErrNotFound", err)
	}

	jo := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{CustomerID: &acme.CustomerID, ContactName: "Jo", Phone: ptr("555")}))
	if jo.ContactID == 0 || *jo.CustomerID != acme.CustomerID || *jo.Phone != "555" || jo.Email != nil {
		t.Fatalf("Create(Contacts) = %+v", jo)
	}
	if got := must[contactsdb.Contact](t)(contactsdb.Get(ctx, db, contactsdb.ContactByContactID, jo.ContactID)); *got.Phone != "555" || got.ContactName != "Jo" {
		t.Errorf("Get(ContactByContactID) = %+v", got)
	}
	// Update works around the GENERATED ALWAYS identity key, and writes
	// NULL for a nil field.
	jo.ContactName, jo.Phone, jo.Email = "Joanne", nil, ptr("jo@acme.example")
	if err := contactsdb.Update(ctx, db, contactsdb.Contacts, &jo); err != nil {
		t.Fatal(err)
	}
	if got := must[contactsdb.Contact](t)(contactsdb.Get(ctx, db, contactsdb.ContactByContactID, jo.ContactID)); got.ContactName != "Joanne" || got.Phone != nil || *got.Email != "jo@acme.example" {
		t.Errorf("after Update(Contacts) = %+v", got)
	}
	if err := contactsdb.Update(ctx, db, contactsdb.Contacts, &contactsdb.Contact{ContactID: 999, ContactName: "x"}); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("Update(Contacts) of a missing row: %v, want ErrNotFound", err)
	}

	if err := contactsdb.Delete(ctx, db, contactsdb.Contacts, jo.ContactID); err != nil {
		t.Fatal(err)
	}
	if _, err := contactsdb.Get(ctx, db, contactsdb.ContactByContactID, jo.ContactID); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("Get(ContactByContactID) after Delete(Contacts): %v, want ErrNotFound", err)
	}
	if err := contactsdb.Delete(ctx, db, contactsdb.Contacts, jo.ContactID); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("second Delete(Contacts): %v, want ErrNotFound", err)
	}
	if err := contactsdb.Delete(ctx, db, contactsdb.Customers, globex.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := contactsdb.Get(ctx, db, contactsdb.CustomerByCustomerID, globex.CustomerID); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("Get(CustomerByCustomerID) after Delete(Customers): %v, want ErrNotFound", err)
	}
}

// TestListCopyCount: COPY leaves the identity keys to the database, and
// List pages through the rows in key order.
func TestListCopyCount(t *testing.T) {
	db, ctx := open(t)
	customers := make([]contactsdb.CreateCustomerParams, 7)
	for i := range customers {
		customers[i].CustomerName = fmt.Sprint("c", i)
	}
	if n := must[int64](t)(contactsdb.Copy(ctx, db, contactsdb.Customers, customers)); n != 7 {
		t.Fatalf("Copy(Customers) = %d, want 7", n)
	}
	if n := must[int64](t)(contactsdb.Count(ctx, db, contactsdb.Customers)); n != 7 {
		t.Errorf("Count(Customers) = %d, want 7", n)
	}
	var all []contactsdb.Customer
	var after *contactsdb.Customer
	for pages := 0; ; pages++ {
		page := must[[]contactsdb.Customer](t)(contactsdb.List(ctx, db, contactsdb.Customers, after, 3))
		if len(page) == 0 {
			if pages != 3 {
				t.Errorf("7 customers in pages of 3 took %d pages", pages)
			}
			break
		}
		all = append(all, page...)
		after = &page[len(page)-1]
	}
	if len(all) != 7 || all[0].CustomerName != "c0" || all[6].CustomerName != "c6" {
		t.Fatalf("List(Customers) over all pages = %+v", all)
	}
	for i := 1; i < len(all); i++ {
		if all[i].CustomerID <= all[i-1].CustomerID {
			t.Fatalf("customers out of key order at %d", i)
		}
	}

	owner := all[0].CustomerID
	contacts := []contactsdb.CreateContactParams{
		{ContactName: "A", CustomerID: &owner, Email: ptr("a@x")},
		{ContactName: "B"},
		{ContactName: "C", Phone: ptr("1")},
	}
	if n := must[int64](t)(contactsdb.Copy(ctx, db, contactsdb.Contacts, contacts)); n != 3 {
		t.Fatalf("Copy(Contacts) = %d, want 3", n)
	}
	if n := must[int64](t)(contactsdb.Count(ctx, db, contactsdb.Contacts)); n != 3 {
		t.Errorf("Count(Contacts) = %d, want 3", n)
	}
	first := must[[]contactsdb.Contact](t)(contactsdb.List(ctx, db, contactsdb.Contacts, nil, 2))
	if len(first) != 2 || first[0].ContactName != "A" || *first[0].CustomerID != owner || first[0].ContactID == 0 || first[1].CustomerID != nil {
		t.Fatalf("first page of List(Contacts) = %+v", first)
	}
	k := first[1]
	rest := must[[]contactsdb.Contact](t)(contactsdb.List(ctx, db, contactsdb.Contacts, &k, 2))
	if len(rest) != 1 || rest[0].ContactName != "C" || *rest[0].Phone != "1" {
		t.Fatalf("second page of List(Contacts) = %+v", rest)
	}

	// COPY runs into the foreign key like an INSERT.
	_, err := contactsdb.Copy(ctx, db, contactsdb.Contacts, []contactsdb.CreateContactParams{{ContactName: "D", CustomerID: ptr(int32(4242))}})
	var fe *contactsdb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Constraint != "fk_customer" || fe.Referenced {
		t.Errorf("COPY of a contact of a missing customer: %v, want *ForeignKeyError for fk_customer", err)
	}
}

// TestNavigation: Customer 1:N Contact, both ways and for many customers.
func TestNavigation(t *testing.T) {
	db, ctx := open(t)
	acme := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Acme"}))
	globex := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Globex"}))
	idle := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Idle"}))
	a1 := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{CustomerID: &acme.CustomerID, ContactName: "A1"}))
	a2 := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{CustomerID: &acme.CustomerID, ContactName: "A2"}))
	g1 := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{CustomerID: &globex.CustomerID, ContactName: "G1"}))
	loose := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{ContactName: "Loose"}))

	if got := must[[]contactsdb.Contact](t)(contactsdb.ChildrenOf(ctx, db, contactsdb.ContactCustomer, acme.CustomerID)); len(got) != 2 || got[0].ContactID != a1.ContactID || got[1].ContactID != a2.ContactID {
		t.Errorf("ChildrenOf(ContactCustomer, acme) = %+v", got)
	}
	if got := must[[]contactsdb.Contact](t)(contactsdb.ChildrenOf(ctx, db, contactsdb.ContactCustomer, idle.CustomerID)); len(got) != 0 {
		t.Errorf("ChildrenOf(ContactCustomer, idle) = %+v, want none", got)
	}
	if got := must[contactsdb.Customer](t)(contactsdb.ParentOf(ctx, db, contactsdb.ContactCustomer, &g1)); got != globex {
		t.Errorf("ContactCustomer(g1) = %+v, want %+v", got, globex)
	}
	// The relationship is optional: a contact without a customer has none.
	if _, err := contactsdb.ParentOf(ctx, db, contactsdb.ContactCustomer, &loose); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("ContactCustomer of a contact without a customer: %v, want ErrNotFound", err)
	}
	batch := must[map[int32][]contactsdb.Contact](t)(contactsdb.ChildrenOfMany(ctx, db, contactsdb.ContactCustomer, []int32{acme.CustomerID, globex.CustomerID, idle.CustomerID}))
	if len(batch) != 2 || len(batch[acme.CustomerID]) != 2 || batch[acme.CustomerID][1].ContactID != a2.ContactID ||
		len(batch[globex.CustomerID]) != 1 || batch[globex.CustomerID][0].ContactName != "G1" {
		t.Errorf("ChildrenOfMany(ContactCustomer) = %+v", batch)
	}
	if _, ok := batch[idle.CustomerID]; ok {
		t.Error("ChildrenOfMany(ContactCustomer) has an entry for a customer without contacts")
	}
}

// TestPolicies: a contact outlives its customer (ON DELETE SET NULL), and
// a contact of a missing customer is a *ForeignKeyError.
func TestPolicies(t *testing.T) {
	db, ctx := open(t)
	acme := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Acme"}))
	c := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{CustomerID: &acme.CustomerID, ContactName: "Jo"}))
	if err := contactsdb.Delete(ctx, db, contactsdb.Customers, acme.CustomerID); err != nil {
		t.Fatal(err)
	}
	got := must[contactsdb.Contact](t)(contactsdb.Get(ctx, db, contactsdb.ContactByContactID, c.ContactID))
	if got.CustomerID != nil || got.ContactName != "Jo" {
		t.Fatalf("contact after its customer was deleted: %+v; want it kept, without a customer", got)
	}

	_, err := contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{CustomerID: &acme.CustomerID, ContactName: "Late"})
	var fe *contactsdb.ForeignKeyError
	if !errors.As(err, &fe) {
		t.Fatalf("contact of a deleted customer: %v, want *ForeignKeyError", err)
	}
	if fe.Referenced || fe.Constraint != "fk_customer" || fe.OnDelete != "SET NULL" || fe.Relationship != "Customer 1:N Contact" ||
		fe.Table != "contacts" || fe.RefTable != "customers" {
		t.Errorf("ForeignKeyError = %+v", fe)
	}
	if want := "a contact refers to a customer that does not exist (Customer 1:N Contact, constraint fk_customer)"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
	// Moving a contact to a missing customer is refused the same way.
	got.CustomerID = &acme.CustomerID
	if err := contactsdb.Update(ctx, db, contactsdb.Contacts, &got); !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_customer" {
		t.Errorf("Update(Contacts) to a missing customer: %v, want *ForeignKeyError", err)
	}
	// contacts.er declares no UNIQUE or CHECK constraint and its keys are
	// GENERATED ALWAYS, so contactsdb has no *UniqueError or *CheckError
	// to provoke.
}

// TestInTx: a failing function rolls back, a succeeding one commits.
func TestInTx(t *testing.T) {
	db, ctx := open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(tx *contactsdb.DB) error {
		if _, err := contactsdb.Create(ctx, tx, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Gone"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if n := must[int64](t)(contactsdb.Count(ctx, db, contactsdb.Customers)); n != 0 {
		t.Errorf("rolled-back insert is visible: %d customers", n)
	}
	err = db.InTx(ctx, func(tx *contactsdb.DB) error {
		_, err := contactsdb.Create(ctx, tx, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Kept"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(contactsdb.Count(ctx, db, contactsdb.Customers)); n != 1 {
		t.Errorf("committed insert: %d customers, want 1", n)
	}
}

// TestPatch: a patch writes only the fields set; Set[*T](nil) writes
// NULL, here ending a contact's customer.
func TestPatch(t *testing.T) {
	db, ctx := open(t)
	c := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Acme"}))
	if got := must[contactsdb.Customer](t)(contactsdb.Patch(ctx, db, contactsdb.Customers, c.CustomerID, contactsdb.CustomerPatch{CustomerName: contactsdb.Set("Acme Ltd")})); got.CustomerName != "Acme Ltd" || got.CustomerID != c.CustomerID {
		t.Errorf("Patch(Customers) = %+v", got)
	}
	ct := must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{ContactName: "Bo", Phone: ptr("555"), Email: ptr("bo@x"), CustomerID: &c.CustomerID}))
	got := must[contactsdb.Contact](t)(contactsdb.Patch(ctx, db, contactsdb.Contacts, ct.ContactID, contactsdb.ContactPatch{Phone: contactsdb.Set[*string](nil), CustomerID: contactsdb.Set[*int32](nil)}))
	if got.Phone != nil || got.CustomerID != nil || got.Email == nil || *got.Email != "bo@x" || got.ContactName != "Bo" {
		t.Errorf("Patch(Contacts) = %+v, want phone and customer NULL, the rest kept", got)
	}
	if _, err := contactsdb.Patch(ctx, db, contactsdb.Customers, -1, contactsdb.CustomerPatch{CustomerName: contactsdb.Set("x")}); !errors.Is(err, contactsdb.ErrNotFound) {
		t.Errorf("Patch(Customers) of a missing row: %v, want ErrNotFound", err)
	}
}

// TestFind: filters with IN, a NULL test and keyset pages.
func TestFind(t *testing.T) {
	db, ctx := open(t)
	acme := must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Acme"}))
	must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Bolt"}))
	must[contactsdb.Customer](t)(contactsdb.Create(ctx, db, contactsdb.Customers, contactsdb.CreateCustomerParams{CustomerName: "Cog"}))
	got := must[[]contactsdb.Customer](t)(contactsdb.Find(ctx, db, contactsdb.Customers, contactsdb.CustomerFilter{CustomerName: contactsdb.In("Acme", "Cog")}, contactsdb.CustomersByCustomerID, nil, 1))
	if len(got) != 1 || got[0] != acme {
		t.Fatalf("first customer named Acme or Cog = %+v", got)
	}
	if next := must[[]contactsdb.Customer](t)(contactsdb.Find(ctx, db, contactsdb.Customers, contactsdb.CustomerFilter{CustomerName: contactsdb.In("Acme", "Cog")}, contactsdb.CustomersByCustomerID, &got[0], 5)); len(next) != 1 || next[0].CustomerName != "Cog" {
		t.Errorf("the rest = %+v, want Cog", next)
	}
	must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{ContactName: "Al", CustomerID: &acme.CustomerID, Phone: ptr("1")}))
	must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{ContactName: "Bo", CustomerID: &acme.CustomerID}))
	if c := must[[]contactsdb.Contact](t)(contactsdb.Find(ctx, db, contactsdb.Contacts, contactsdb.ContactFilter{CustomerID: contactsdb.Eq(acme.CustomerID), Phone: contactsdb.IsNull[string]()}, contactsdb.ContactsByContactIDDesc, nil, 5)); len(c) != 1 || c[0].ContactName != "Bo" {
		t.Errorf("Acme's contacts without a phone = %+v, want Bo", c)
	}
	if n := must[map[int32]int64](t)(contactsdb.CountChildrenOf(ctx, db, contactsdb.ContactCustomer, []int32{acme.CustomerID, acme.CustomerID + 1})); len(n) != 1 || n[acme.CustomerID] != 2 {
		t.Errorf("CountChildrenOf(ContactCustomer) = %v, want Acme's 2", n)
	}

	// Pages by the nullable customer_id, two contacts a page: contacts
	// without a customer come last ascending and first descending, and
	// the page after one without a customer goes on with the next.
	must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{ContactName: "Cy"}))
	must[contactsdb.Contact](t)(contactsdb.Create(ctx, db, contactsdb.Contacts, contactsdb.CreateContactParams{ContactName: "Di"}))
	for _, c := range []struct {
		order contactsdb.Ordering[contactsdb.Contact]
		want  string
	}{{contactsdb.ContactsByCustomerID, "Al Bo Cy Di"}, {contactsdb.ContactsByCustomerIDDesc, "Di Cy Bo Al"}} {
		var names []string
		var after *contactsdb.Contact
		for range 5 {
			page := must[[]contactsdb.Contact](t)(contactsdb.Find(ctx, db, contactsdb.Contacts, contactsdb.ContactFilter{}, c.order, after, 2))
			if len(page) == 0 {
				break
			}
			for _, p := range page {
				names = append(names, p.ContactName)
			}
			after = &page[len(page)-1]
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("contacts paged by customer = %s, want %s", got, c.want)
		}
	}
}
