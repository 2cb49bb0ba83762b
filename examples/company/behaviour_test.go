package company_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/ergen-dev/ergen/examples/company/companydb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "company.er", "companydb", "companydb")
}

func ptr[T any](v T) *T { return &v }

// TestPolicies: deleting a department moves its employees to department 3
// (ON DELETE SET DEFAULT); a manager leaving leaves reports unmanaged (SET NULL).
func TestPolicies(t *testing.T) {
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "company.er")
	db, ctx := companydb.New(pool), context.Background()
	for _, d := range []companydb.CreateDepartmentParams{{DeptID: 1, DeptName: ptr("Sales")}, {DeptID: 3, DeptName: ptr("Pool")}} {
		if _, err := db.CreateDepartment(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	boss, err := db.CreateEmployee(ctx, companydb.CreateEmployeeParams{EmpID: 10, FirstName: ptr("Bo"), DeptID: ptr(int32(1))})
	if err != nil {
		t.Fatal(err)
	}
	for id := int32(11); id <= 12; id++ {
		if _, err := db.CreateEmployee(ctx, companydb.CreateEmployeeParams{EmpID: id, ManagerID: &boss.EmpID, DeptID: ptr(int32(1))}); err != nil {
			t.Fatal(err)
		}
	}
	// A nil department takes the column default, 3.
	pooled, err := db.CreateEmployee(ctx, companydb.CreateEmployeeParams{EmpID: 20})
	if err != nil {
		t.Fatal(err)
	}
	if pooled.DeptID == nil || *pooled.DeptID != 3 {
		t.Fatalf("default department = %v, want 3", pooled.DeptID)
	}

	// Navigation along the self-reference, both ways.
	reports, err := db.EmployeesByManager(ctx, boss.EmpID)
	if err != nil || len(reports) != 2 || reports[0].EmpID != 11 {
		t.Fatalf("EmployeesByManager = %+v, %v", reports, err)
	}
	if m, err := db.EmployeeManager(ctx, &reports[1]); err != nil || m.EmpID != boss.EmpID {
		t.Errorf("EmployeeManager = %+v, %v", m, err)
	}
	if _, err := db.EmployeeManager(ctx, &boss); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("manager of the boss: %v, want ErrNotFound", err)
	}
	byDept, err := db.EmployeesByDepartments(ctx, []int32{1, 3})
	if err != nil || len(byDept[1]) != 3 || len(byDept[3]) != 1 {
		t.Fatalf("EmployeesByDepartments = %+v, %v", byDept, err)
	}

	// ON DELETE SET DEFAULT: department 1's employees move to department 3.
	if err := db.DeleteDepartment(ctx, 1); err != nil {
		t.Fatal(err)
	}
	moved, err := db.EmployeesByDepartment(ctx, 3)
	if err != nil || len(moved) != 4 {
		t.Fatalf("after deleting department 1, department 3 has %d employees (%v), want 4", len(moved), err)
	}

	// ON DELETE SET NULL: the reports of a deleted manager have none.
	if err := db.DeleteEmployee(ctx, boss.EmpID); err != nil {
		t.Fatal(err)
	}
	e, err := db.GetEmployee(ctx, 11)
	if err != nil || e.ManagerID != nil {
		t.Errorf("report after its manager left: %+v, %v; want no manager", e, err)
	}

	// Department 3 is the default target: with employees in it, deleting
	// it would set their department to 3 again, which no longer exists.
	err = db.DeleteDepartment(ctx, 3)
	var fe *companydb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Constraint != "fk_employee_department" {
		t.Fatalf("deleting the default department: %v, want *ForeignKeyError", err)
	}
}
