package contacts_test

import (
	"context"
	"os"
	"testing"

	"github.com/ergen-dev/ergen/examples/contacts/contactsdb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "contacts.er", "contactsdb", "contactsdb")
}

// TestPolicies: a contact outlives its customer (ON DELETE SET NULL), and
// identity keys are filled by the database.
func TestPolicies(t *testing.T) {
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "contacts.er")
	db, ctx := contactsdb.New(pool), context.Background()
	cust, err := db.CreateCustomer(ctx, contactsdb.CreateCustomerParams{CustomerName: "Acme"})
	if err != nil || cust.CustomerID == 0 {
		t.Fatalf("CreateCustomer = %+v, %v", cust, err)
	}
	phone := "555"
	c, err := db.CreateContact(ctx, contactsdb.CreateContactParams{CustomerID: &cust.CustomerID, ContactName: "Jo", Phone: &phone})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.ContactsByCustomer(ctx, cust.CustomerID); err != nil || len(got) != 1 || got[0].ContactID != c.ContactID {
		t.Fatalf("ContactsByCustomer = %+v, %v", got, err)
	}
	if got, err := db.ContactCustomer(ctx, &c); err != nil || got != cust {
		t.Fatalf("ContactCustomer = %+v, %v", got, err)
	}
	// Update works around the GENERATED ALWAYS identity key.
	c.ContactName = "Joanne"
	if err := db.UpdateContact(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteCustomer(ctx, cust.CustomerID); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetContact(ctx, c.ContactID)
	if err != nil || got.CustomerID != nil || got.ContactName != "Joanne" {
		t.Fatalf("contact after its customer was deleted: %+v, %v; want it kept, without a customer", got, err)
	}
	// COPY leaves the identity column to the database.
	n, err := db.CopyContacts(ctx, []contactsdb.Contact{{ContactName: "A"}, {ContactName: "B"}})
	if err != nil || n != 2 {
		t.Fatalf("CopyContacts = %d, %v", n, err)
	}
	if total, err := db.CountContacts(ctx); err != nil || total != 3 {
		t.Fatalf("CountContacts = %d, %v", total, err)
	}
}
