package company_test

import (
	"testing"

	"github.com/ergen-dev/ergen/examples/company/companydb"
)

// TestNullOrDefault: employee.dept_id is nullable with a default (3), so
// its field in CreateEmployeeParams is an Opt: unset takes the default,
// Set[*int32](nil) writes NULL (an employee of no department), Set(&d) a
// department; Upsert keeps the stored department when unset; Copy reads
// the field as Create does.
func TestNullOrDefault(t *testing.T) {
	db, ctx := open(t)
	sales, pool := departments(t, db, ctx)
	dept := func(e companydb.Employee) string {
		if e.DeptID == nil {
			return "NULL"
		}
		return map[int32]string{sales.DeptID: "sales", pool.DeptID: "pool"}[*e.DeptID]
	}
	for _, c := range []struct {
		what string
		p    companydb.CreateEmployeeParams
		want string
	}{
		{"unset", companydb.CreateEmployeeParams{EmpID: 1}, "pool"},
		{"Set(nil)", companydb.CreateEmployeeParams{EmpID: 2, DeptID: companydb.Set[*int32](nil)}, "NULL"},
		{"Set(&1)", companydb.CreateEmployeeParams{EmpID: 3, DeptID: companydb.Set(&sales.DeptID)}, "sales"},
	} {
		if e := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, c.p)); dept(e) != c.want {
			t.Errorf("Create with DeptID %s: department %s, want %s", c.what, dept(e), c.want)
		}
	}

	// Upsert on the primary key: unset keeps the stored department on
	// update, Set(nil) writes NULL.
	name := "Ann"
	if e := must[companydb.Employee](t)(companydb.Upsert(ctx, db, companydb.EmployeeByEmpID, companydb.CreateEmployeeParams{EmpID: 3, FirstName: &name})); dept(e) != "sales" || *e.FirstName != name {
		t.Errorf("Upsert with DeptID unset: %+v, department %s; want sales kept", e, dept(e))
	}
	if e := must[companydb.Employee](t)(companydb.Upsert(ctx, db, companydb.EmployeeByEmpID, companydb.CreateEmployeeParams{EmpID: 3, DeptID: companydb.Set[*int32](nil)})); dept(e) != "NULL" {
		t.Errorf("Upsert with DeptID Set(nil): department %s, want NULL", dept(e))
	}
	if e := must[companydb.Employee](t)(companydb.Upsert(ctx, db, companydb.EmployeeByEmpID, companydb.CreateEmployeeParams{EmpID: 4})); dept(e) != "pool" {
		t.Errorf("Upsert inserting with DeptID unset: department %s, want pool", dept(e))
	}

	rows := []companydb.CreateEmployeeParams{
		{EmpID: 5}, {EmpID: 6, DeptID: companydb.Set[*int32](nil)}, {EmpID: 7, DeptID: companydb.Set(&sales.DeptID)},
	}
	if n := must[int64](t)(companydb.Copy(ctx, db, companydb.Employees, rows)); n != 3 {
		t.Fatalf("Copy(Employees) = %d, want 3", n)
	}
	for id, want := range map[int32]string{5: "pool", 6: "NULL", 7: "sales"} {
		if e := must[companydb.Employee](t)(companydb.Get(ctx, db, companydb.EmployeeByEmpID, id)); dept(e) != want {
			t.Errorf("copied employee %d: department %s, want %s", id, dept(e), want)
		}
	}
}
