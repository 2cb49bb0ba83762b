package batch

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: it runs every batch method of the model against
// PostgreSQL, with keys that PostgreSQL finds equal and Go does not.

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func num(t *testing.T, s string) pgtype.Numeric {
	t.Helper()
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBatch(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_BATCH"))

	// A composite foreign key to the primary key: a map by AccountKey.
	code := "A"
	eu := golangtest.Must[Account](t)(Create(ctx, db, Accounts, CreateAccountParams{Region: "eu", Number: 1, Code: &code, SerialNo: 1}))
	us := golangtest.Must[Account](t)(Create(ctx, db, Accounts, CreateAccountParams{Region: "us", Number: 1, SerialNo: 2}))
	bare := golangtest.Must[Account](t)(Create(ctx, db, Accounts, CreateAccountParams{Region: "eu", Number: 2, SerialNo: 3}))
	i1 := golangtest.Must[Invoice](t)(Create(ctx, db, Invoices, CreateInvoiceParams{Region: "eu", Number: 1}))
	i2 := golangtest.Must[Invoice](t)(Create(ctx, db, Invoices, CreateInvoiceParams{Region: "eu", Number: 1}))
	i3 := golangtest.Must[Invoice](t)(Create(ctx, db, Invoices, CreateInvoiceParams{Region: "us", Number: 1}))
	euKey, usKey := AccountKey{Region: eu.Region, Number: eu.Number}, AccountKey{Region: us.Region, Number: us.Number}
	invoices := golangtest.Must[map[AccountKey][]Invoice](t)(ChildrenOfMany(ctx, db, InvoiceAccount, []AccountKey{euKey, usKey, {Region: bare.Region, Number: bare.Number}}))
	if len(invoices) != 2 || len(invoices[euKey]) != 2 || invoices[euKey][0] != i1 || invoices[euKey][1] != i2 ||
		len(invoices[usKey]) != 1 || invoices[usKey][0] != i3 {
		t.Errorf("ChildrenOfMany(InvoiceAccount) = %+v", invoices)
	}
	// The key's columns are matched as pairs, not each on its own: (eu, 1)
	// and (us, 2) do not find (us, 1).
	if got := golangtest.Must[map[AccountKey][]Invoice](t)(ChildrenOfMany(ctx, db, InvoiceAccount, []AccountKey{{Region: "eu", Number: 2}, {Region: "us", Number: 2}})); len(got) != 0 {
		t.Errorf("ChildrenOfMany(InvoiceAccount) of crossed pairs = %+v, want none", got)
	}
	if got := golangtest.Must[map[AccountKey][]Invoice](t)(ChildrenOfMany(ctx, db, InvoiceAccount, nil)); len(got) != 0 {
		t.Errorf("ChildrenOfMany(InvoiceAccount, nil) = %+v", got)
	}

	// A composite foreign key to a unique key with a nullable column.
	euCode := AccountCodeAndSerialNoKey{Code: *eu.Code, SerialNo: eu.SerialNo}
	r1 := golangtest.Must[Receipt](t)(Create(ctx, db, Receipts, CreateReceiptParams{Code: &code, SerialNo: &eu.SerialNo}))
	golangtest.Must[Receipt](t)(Create(ctx, db, Receipts, CreateReceiptParams{})) // no account
	receipts := golangtest.Must[map[AccountCodeAndSerialNoKey][]Receipt](t)(ChildrenOfMany(ctx, db, ReceiptAccount, []AccountCodeAndSerialNoKey{euCode, {Code: "B", SerialNo: 1}}))
	if len(receipts) != 1 || len(receipts[euCode]) != 1 || receipts[euCode][0].ID != r1.ID {
		t.Errorf("ChildrenOfMany(ReceiptAccount) = %+v", receipts)
	}

	// Counts per parent by a composite key: a map by its struct, an
	// account without invoices absent; by a unique key with a nullable
	// column, where a receipt without an account counts for none.
	bareKey := AccountKey{Region: bare.Region, Number: bare.Number}
	counts := golangtest.Must[map[AccountKey]int64](t)(CountChildrenOf(ctx, db, InvoiceAccount, []AccountKey{euKey, usKey, bareKey, {Region: "eu", Number: 9}}))
	if len(counts) != 2 || counts[euKey] != 2 || counts[usKey] != 1 || counts[bareKey] != 0 {
		t.Errorf("CountChildrenOf(InvoiceAccount) = %v", counts)
	}
	if got := golangtest.Must[map[AccountKey]int64](t)(CountChildrenOf(ctx, db, InvoiceAccount, []AccountKey{{Region: "eu", Number: 2}, {Region: "us", Number: 2}})); len(got) != 0 {
		t.Errorf("CountChildrenOf(InvoiceAccount) of crossed pairs = %v, want none", got)
	}
	if got := golangtest.Must[map[AccountCodeAndSerialNoKey]int64](t)(CountChildrenOf(ctx, db, ReceiptAccount, []AccountCodeAndSerialNoKey{euCode, {Code: "B", SerialNo: 1}})); len(got) != 1 || got[euCode] != 1 {
		t.Errorf("CountChildrenOf(ReceiptAccount) = %v", got)
	}

	// An M:N between a composite key and a bytea key: by AccountKey, and
	// in the order of the hashes.
	h1, h2 := []byte{7, 1}, []byte{7, 2}
	golangtest.Must[Blob](t)(Create(ctx, db, Blobs, CreateBlobParams{Hash: h1}))
	golangtest.Must[Blob](t)(Create(ctx, db, Blobs, CreateBlobParams{Hash: h2}))
	for _, l := range []LinkAccountBlobParams{
		{AccountRegion: eu.Region, AccountNumber: eu.Number, BlobHash: h1},
		{AccountRegion: eu.Region, AccountNumber: eu.Number, BlobHash: h2},
		{AccountRegion: us.Region, AccountNumber: us.Number, BlobHash: h2},
	} {
		golangtest.Must[bool](t)(Link(ctx, db, Attachments, l))
	}
	blobs := golangtest.Must[map[AccountKey][]AttachmentBlob](t)(LinkedOfMany(ctx, db, BlobsOfAccount, []AccountKey{euKey, usKey, bareKey}))
	if len(blobs) != 2 || len(blobs[euKey]) != 2 || string(blobs[euKey][0].Blob.Hash) != string(h1) || string(blobs[euKey][1].Blob.Hash) != string(h2) ||
		len(blobs[usKey]) != 1 || blobs[usKey][0].Attachment.AccountRegion != "us" {
		t.Errorf("LinkedOfMany(Linked(BlobsOfAccount)) = %+v", blobs)
	}
	accounts := golangtest.Must[[][]AttachmentAccount](t)(LinkedOfMany(ctx, db, AccountsOfBlob, [][]byte{h2, {9}, h1}))
	if len(accounts) != 3 || len(accounts[0]) != 2 || accounts[0][0].Account.Region != "eu" || accounts[0][1].Account.Region != "us" ||
		len(accounts[1]) != 0 || len(accounts[2]) != 1 || accounts[2][0].Account.Region != "eu" {
		t.Errorf("LinkedOfMany(Linked(AccountsOfBlob)) = %+v", accounts)
	}

	// bytea: the children come in the order of the keys given.
	b1 := golangtest.Must[Blob](t)(Create(ctx, db, Blobs, CreateBlobParams{Hash: []byte{1, 2}}))
	b2 := golangtest.Must[Blob](t)(Create(ctx, db, Blobs, CreateBlobParams{Hash: []byte{3}}))
	c1 := golangtest.Must[Chunk](t)(Create(ctx, db, Chunks, CreateChunkParams{Hash: b1.Hash}))
	c2 := golangtest.Must[Chunk](t)(Create(ctx, db, Chunks, CreateChunkParams{Hash: b1.Hash}))
	chunks := golangtest.Must[[][]Chunk](t)(ChildrenOfMany(ctx, db, ChunkBlob, [][]byte{b2.Hash, {9}, b1.Hash}))
	if len(chunks) != 3 || len(chunks[0]) != 0 || len(chunks[1]) != 0 || len(chunks[2]) != 2 || chunks[2][0].ID != c1.ID || chunks[2][1].ID != c2.ID {
		t.Errorf("ChildrenOfMany(ChunkBlob) = %+v", chunks)
	}

	if got := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, ChunkBlob, [][]byte{b2.Hash, b1.Hash, {9}, b1.Hash})); len(got) != 4 || got[0] != 0 || got[1] != 2 || got[2] != 0 || got[3] != 2 {
		t.Errorf("CountChildrenOf(ChunkBlob) = %v", got)
	}

	// numeric, 1:1: 1.5 and 1.50 are the same key to PostgreSQL.
	p := golangtest.Must[Price](t)(Create(ctx, db, Prices, CreatePriceParams{Amount: num(t, "1.50")}))
	golangtest.Must[Price](t)(Create(ctx, db, Prices, CreatePriceParams{Amount: num(t, "2")}))
	l := golangtest.Must[Label](t)(Create(ctx, db, Labels, CreateLabelParams{Amount: p.Amount}))
	labels := golangtest.Must[[]*Label](t)(ChildrenOfMany(ctx, db, LabelPrice, []pgtype.Numeric{num(t, "2"), num(t, "1.5")}))
	if len(labels) != 2 || labels[0] != nil || labels[1] == nil || labels[1].ID != l.ID {
		t.Errorf("ChildrenOfMany(LabelPrice) = %+v", labels)
	}

	// timestamptz in a composite key: the same instant in another zone.
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	slot := golangtest.Must[Slot](t)(Create(ctx, db, Slots, CreateSlotParams{At: at, Room: 7}))
	bk := golangtest.Must[Booking](t)(Create(ctx, db, Bookings, CreateBookingParams{At: at, Room: 7}))
	paris := at.In(time.FixedZone("CEST", 2*3600))
	bookings := golangtest.Must[[][]Booking](t)(ChildrenOfMany(ctx, db, BookingSlot, []SlotKey{{At: paris, Room: 7}, {At: paris, Room: 8}, {At: slot.At, Room: slot.Room}}))
	if len(bookings) != 3 || len(bookings[0]) != 1 || bookings[0][0].ID != bk.ID || len(bookings[1]) != 0 || len(bookings[2]) != 1 {
		t.Errorf("ChildrenOfMany(BookingSlot) = %+v", bookings)
	}

	if got := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, BookingSlot, []SlotKey{{At: paris, Room: 7}, {At: paris, Room: 8}})); len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("CountChildrenOf(BookingSlot) = %v", got)
	}

	// An enum key and a uuid key, in maps.
	golangtest.Must[Level](t)(Create(ctx, db, Levels, CreateLevelParams{Tier: TierGold}))
	golangtest.Must[Level](t)(Create(ctx, db, Levels, CreateLevelParams{Tier: TierSilver}))
	gold := TierGold
	m := golangtest.Must[Member](t)(Create(ctx, db, Members, CreateMemberParams{Tier: &gold}))
	golangtest.Must[Member](t)(Create(ctx, db, Members, CreateMemberParams{}))
	members := golangtest.Must[map[Tier][]Member](t)(ChildrenOfMany(ctx, db, MemberLevel, []Tier{TierGold, TierSilver}))
	if len(members) != 1 || len(members[TierGold]) != 1 || members[TierGold][0].ID != m.ID {
		t.Errorf("ChildrenOfMany(MemberLevel) = %+v", members)
	}
	if got := golangtest.Must[map[Tier]int64](t)(CountChildrenOf(ctx, db, MemberLevel, []Tier{TierGold, TierSilver})); len(got) != 1 || got[TierGold] != 1 {
		t.Errorf("CountChildrenOf(MemberLevel) = %v", got)
	}
	dev := golangtest.Must[Device](t)(Create(ctx, db, Devices, CreateDeviceParams{ID: [16]byte{1}}))
	golangtest.Must[Device](t)(Create(ctx, db, Devices, CreateDeviceParams{ID: [16]byte{2}}))
	rd := golangtest.Must[Reading](t)(Create(ctx, db, Readings, CreateReadingParams{Device: dev.ID}))
	readings := golangtest.Must[map[[16]byte]Reading](t)(ChildrenOfMany(ctx, db, ReadingDevice, [][16]byte{dev.ID, {2}}))
	if len(readings) != 1 || readings[dev.ID] != rd {
		t.Errorf("ChildrenOfMany(ReadingDevice) = %+v", readings)
	}
	caseInsensitiveKeys(t, db, dev)
	permutedKeys(t, db)
	precisionKeys(t, db)
}

// caseInsensitiveKeys loads the children of a citext key that they spell
// otherwise, which the foreign key finds equal: they come at the key's
// place, where a map by their spellings would miss them.
func caseInsensitiveKeys(t *testing.T, db *DB, dev Device) {
	ctx := context.Background()
	ann := golangtest.Must[Inbox](t)(Create(ctx, db, Inboxes, CreateInboxParams{Address: "Ann@X.org"}))
	golangtest.Must[Inbox](t)(Create(ctx, db, Inboxes, CreateInboxParams{Address: "bob@x.org"}))
	m1 := golangtest.Must[Mail](t)(Create(ctx, db, Mails, CreateMailParams{InboxAddress: "ann@x.org"}))
	m2 := golangtest.Must[Mail](t)(Create(ctx, db, Mails, CreateMailParams{InboxAddress: "ANN@X.ORG"}))
	mails := golangtest.Must[[][]Mail](t)(ChildrenOfMany(ctx, db, MailInbox, []string{ann.Address, "bob@x.org"}))
	if len(mails) != 2 || len(mails[0]) != 2 || mails[0][0] != m1 || mails[0][1] != m2 || len(mails[1]) != 0 {
		t.Errorf("ChildrenOfMany(MailInbox, %s, bob@x.org) = %+v, want %+v and %+v, then none", ann.Address, mails, m1, m2)
	}
	if got := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, MailInbox, []string{ann.Address, "BOB@x.org"})); len(got) != 2 || got[0] != 2 || got[1] != 0 {
		t.Errorf("CountChildrenOf(MailInbox, %s, BOB@x.org) = %v, want [2 0]", ann.Address, got)
	}
	golangtest.Must[bool](t)(Link(ctx, db, Subscriptions, LinkInboxDeviceParams{InboxAddress: "aNN@x.ORG", DeviceID: dev.ID}))
	devices := golangtest.Must[[][]SubscriptionDevice](t)(LinkedOfMany(ctx, db, DevicesOfInbox, []string{ann.Address}))
	if len(devices) != 1 || len(devices[0]) != 1 || devices[0][0].Device != dev {
		t.Errorf("LinkedOfMany(DevicesOfInbox, %s) = %+v, want %+v", ann.Address, devices, dev)
	}
}
