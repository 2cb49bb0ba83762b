package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/tracker/trackerdb"
)

func main() {
	if err := run(context.Background(), os.Getenv("TRACKER_DATABASE_URL")); err != nil {
		fmt.Fprintln(os.Stderr, "tracker:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, url string) error {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	schema, err := os.ReadFile("schema.sql")
	if err != nil {
		return err
	}
	if _, err := pool.Exec(ctx, string(schema)); err != nil {
		return fmt.Errorf("apply schema.sql: %w", err)
	}

	// The generated package runs on a pool...
	db := trackerdb.New(pool)
	org, err := trackerdb.Create(ctx, db, trackerdb.Orgs, trackerdb.CreateOrgParams{Name: "Acme", Slug: "acme"})
	if err != nil {
		return err
	}
	ann, err := trackerdb.Create(ctx, db, trackerdb.Users, trackerdb.CreateUserParams{Email: "ann@acme.test", Name: "Ann"})
	if err != nil {
		return err
	}
	owner := trackerdb.MemberRoleOwner
	if _, err := trackerdb.Link(ctx, db, trackerdb.Memberships, trackerdb.LinkOrgUserParams{OrgID: org.ID, UserID: ann.ID, Role: &owner}); err != nil {
		return err
	}
	project, err := trackerdb.Create(ctx, db, trackerdb.Projects, trackerdb.CreateProjectParams{OrgID: org.ID, Key: "WEB", Name: "Website"})
	if err != nil {
		return err
	}

	// ...and in a transaction, beside SQL of the application's own: both
	// commit together, or neither does.
	boom := errors.New("boom")
	for _, fail := range []bool{true, false} {
		err := db.InTx(ctx, func(tx *trackerdb.DB) error {
			issue, err := trackerdb.Create(ctx, tx, trackerdb.Issues, trackerdb.CreateIssueParams{ProjectID: project.ID, ReporterID: ann.ID, Title: "Broken link"})
			if err != nil {
				return err
			}
			if _, err := tx.DBTX().Exec(ctx,
				"INSERT INTO audit_events (org_id, actor_id, action) VALUES ($1, $2, 'issue.created:' || $3::bigint)",
				org.ID, ann.ID, issue.ID); err != nil {
				return err
			}
			if fail {
				return boom
			}
			return nil
		})
		if fail != errors.Is(err, boom) || (!fail && err != nil) {
			return fmt.Errorf("InTx (fail=%v): %v", fail, err)
		}
	}
	var issues, events int
	if err := pool.QueryRow(ctx, "SELECT (SELECT count(*) FROM issues), (SELECT count(*) FROM audit_events)").Scan(&issues, &events); err != nil {
		return err
	}
	fmt.Printf("issues=%d audit_events=%d\n", issues, events)

	// The README's filter and keyset page, soft-deleted issues left out.
	page, err := trackerdb.Find(ctx, db, trackerdb.Issues,
		trackerdb.IssueFilter{ProjectID: trackerdb.Eq(project.ID), DeletedAt: trackerdb.IsNull[time.Time]()},
		trackerdb.IssuesByProjectIDDesc, nil, 50)
	if err != nil {
		return err
	}
	fmt.Printf("issues of %s not deleted: %d\n", project.Key, len(page))

	// Audit events by what their jsonb payload holds: containment and a key.
	if _, err := trackerdb.Create(ctx, db, trackerdb.AuditEvents, trackerdb.CreateAuditEventParams{OrgID: org.ID, ActorID: &ann.ID, Action: "issue.assigned",
		Payload: json.RawMessage(`{"issue": 7, "assignee": "bo"}`)}); err != nil {
		return err
	}
	assigned, err := trackerdb.Find(ctx, db, trackerdb.AuditEvents, trackerdb.AuditEventFilter{
		Payload: trackerdb.Contains(json.RawMessage(`{"assignee": "bo"}`)),
	}, trackerdb.AuditEventsByID, nil, 10)
	if err != nil {
		return err
	}
	keyed, err := trackerdb.Find(ctx, db, trackerdb.AuditEvents, trackerdb.AuditEventFilter{Payload: trackerdb.HasKey[json.RawMessage]("issue")}, trackerdb.AuditEventsByID, nil, 10)
	if err != nil {
		return err
	}
	fmt.Printf("audit events assigning bo: %d, with an issue: %d\n", len(assigned), len(keyed))

	// A single connection and a transaction opened by the application work too.
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	n, err := trackerdb.Count(ctx, tx, trackerdb.Issues)
	if err != nil {
		return err
	}
	fmt.Printf("issues seen in a pgx.Tx: %d\n", n)

	// A restricted delete is a typed error naming the relationship.
	err = trackerdb.Delete(ctx, db, trackerdb.Users, ann.ID)
	var fk *trackerdb.ForeignKeyError
	if !errors.As(err, &fk) {
		return fmt.Errorf("DeleteUser of a reporter = %v, want a *ForeignKeyError", err)
	}
	fmt.Printf("delete refused by %s\n", fk.Constraint)
	return nil
}
