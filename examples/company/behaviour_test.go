package company_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ergen-dev/ergen/examples/company/companydb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// calls fails the run when a test leaves a method of companydb.DB
// uncalled.
var calls = golangtest.NewCalls(&companydb.DB{})

func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "company.er", "companydb", "companydb")
}

// open returns the generated package on a fresh database with schema.sql,
// recording the methods the test calls. Each test has its own database, so
// tests run in parallel.
func open(t *testing.T) (*companydb.DB, context.Context) {
	t.Helper()
	t.Parallel()
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "company.er")
	return companydb.New(calls.Wrap(pool)), context.Background()
}

func ptr[T any](v T) *T { return &v }

func must[T any](t testing.TB) func(T, error) T { return golangtest.Must[T](t) }

// eq compares rows by value: their nullable columns are pointers.
func eq(a, b any) bool { return reflect.DeepEqual(a, b) }

// departments creates departments 1 (Sales) and 3 (Pool), the department
// employee.dept_id defaults to.
func departments(t *testing.T, db *companydb.DB, ctx context.Context) (sales, pool companydb.Department) {
	t.Helper()
	sales = must[companydb.Department](t)(companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 1, DeptName: ptr("Sales")}))
	pool = must[companydb.Department](t)(companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 3, DeptName: ptr("Pool")}))
	return sales, pool
}

// TestCRUD: every column round-trips, a nil department takes the column
// default, and a duplicate key is a *UniqueError.
func TestCRUD(t *testing.T) {
	db, ctx := open(t)
	sales, _ := departments(t, db, ctx)
	if got := must[companydb.Department](t)(companydb.Get(ctx, db, companydb.DepartmentByDeptID, 1)); !eq(got, sales) || *got.DeptName != "Sales" {
		t.Errorf("Get(DepartmentByDeptID) = %+v, want %+v", got, sales)
	}
	sales.DeptName = ptr("Sales & Marketing")
	if err := companydb.Update(ctx, db, companydb.Departments, &sales); err != nil {
		t.Fatal(err)
	}
	if got := must[companydb.Department](t)(companydb.Get(ctx, db, companydb.DepartmentByDeptID, 1)); *got.DeptName != "Sales & Marketing" {
		t.Errorf("after Update(Departments) = %+v", got)
	}
	if err := companydb.Update(ctx, db, companydb.Departments, &companydb.Department{DeptID: 99}); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("Update(Departments) of a missing row: %v, want ErrNotFound", err)
	}

	hired := time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)
	bo := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{
		EmpID: 10, FirstName: ptr("Bo"), LastName: ptr("Ek"), EmailID: ptr("bo@x"), HireDate: &hired, Salary: ptr(int32(5000)), DeptID: companydb.Set(ptr(int32(1))),
	}))
	want := companydb.Employee{EmpID: 10, FirstName: ptr("Bo"), LastName: ptr("Ek"), EmailID: ptr("bo@x"), HireDate: &hired, Salary: ptr(int32(5000)), DeptID: ptr(int32(1))}
	if !eq(bo, want) {
		t.Errorf("Create(Employees) = %+v, want %+v", bo, want)
	}
	if got := must[companydb.Employee](t)(companydb.Get(ctx, db, companydb.EmployeeByEmpID, 10)); !eq(got, want) {
		t.Errorf("Get(EmployeeByEmpID) = %+v, want %+v", got, want)
	}
	// A nil department takes the column default, 3.
	pooled := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 20}))
	if pooled.DeptID == nil || *pooled.DeptID != 3 || pooled.FirstName != nil || pooled.HireDate != nil {
		t.Errorf("Create(Employees) with defaults = %+v, want department 3 and NULLs", pooled)
	}
	bo.Salary, bo.EmailID, bo.ManagerID = ptr(int32(6000)), nil, &pooled.EmpID
	if err := companydb.Update(ctx, db, companydb.Employees, &bo); err != nil {
		t.Fatal(err)
	}
	if got := must[companydb.Employee](t)(companydb.Get(ctx, db, companydb.EmployeeByEmpID, 10)); *got.Salary != 6000 || got.EmailID != nil || *got.ManagerID != 20 {
		t.Errorf("after Update(Employees) = %+v", got)
	}
	if err := companydb.Update(ctx, db, companydb.Employees, &companydb.Employee{EmpID: 99}); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("Update(Employees) of a missing row: %v, want ErrNotFound", err)
	}

	_, err := companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 10})
	var ue *companydb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "pk_employee" || ue.Columns != "emp_id" {
		t.Fatalf("duplicate emp_id: %v, want *UniqueError for pk_employee", err)
	}
	if want := "an employee with this emp_id already exists"; !strings.Contains(ue.Error(), want) {
		t.Errorf("message %q lacks %q", ue.Error(), want)
	}
	if _, err := companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 1}); !errors.As(err, &ue) || ue.Constraint != "pk_department" {
		t.Errorf("duplicate dept_id: %v, want *UniqueError for pk_department", err)
	}

	if err := companydb.Delete(ctx, db, companydb.Employees, 10); err != nil {
		t.Fatal(err)
	}
	if _, err := companydb.Get(ctx, db, companydb.EmployeeByEmpID, 10); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("Get(EmployeeByEmpID) after Delete(Employees): %v, want ErrNotFound", err)
	}
	if err := companydb.Delete(ctx, db, companydb.Employees, 10); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("second Delete(Employees): %v, want ErrNotFound", err)
	}
	if err := companydb.Delete(ctx, db, companydb.Departments, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := companydb.Get(ctx, db, companydb.DepartmentByDeptID, 1); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("Get(DepartmentByDeptID) after Delete(Departments): %v, want ErrNotFound", err)
	}
	if err := companydb.Delete(ctx, db, companydb.Departments, 1); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("second Delete(Departments): %v, want ErrNotFound", err)
	}
	// company.er declares no UNIQUE or CHECK constraint besides the primary
	// keys: companydb has no *CheckError to provoke.
}

// TestListCopyCount: COPY takes what Create takes, so an employee whose
// department is nil gets the column's default (3), as in an INSERT, and
// List pages in key order.
func TestListCopyCount(t *testing.T) {
	db, ctx := open(t)
	depts := []companydb.CreateDepartmentParams{{DeptID: 4, DeptName: ptr("Four")}, {DeptID: 3}, {DeptID: 5}, {DeptID: 1}, {DeptID: 2}}
	if n := must[int64](t)(companydb.Copy(ctx, db, companydb.Departments, depts)); n != 5 {
		t.Fatalf("Copy(Departments) = %d, want 5", n)
	}
	if n := must[int64](t)(companydb.Count(ctx, db, companydb.Departments)); n != 5 {
		t.Errorf("Count(Departments) = %d, want 5", n)
	}
	var ids []int32
	var after *companydb.Department
	for {
		page := must[[]companydb.Department](t)(companydb.List(ctx, db, companydb.Departments, after, 2))
		if len(page) == 0 {
			break
		}
		for _, d := range page {
			ids = append(ids, d.DeptID)
		}
		after = &page[len(page)-1]
	}
	if !eq(ids, []int32{1, 2, 3, 4, 5}) {
		t.Fatalf("List(Departments) over all pages = %v, want 1..5", ids)
	}
	if four := must[companydb.Department](t)(companydb.Get(ctx, db, companydb.DepartmentByDeptID, 4)); *four.DeptName != "Four" {
		t.Errorf("copied department 4 = %+v", four)
	}

	emps := []companydb.CreateEmployeeParams{
		{EmpID: 3, DeptID: companydb.Set(ptr(int32(1)))},
		{EmpID: 1, FirstName: ptr("First")},
		{EmpID: 2, ManagerID: ptr(int32(1)), DeptID: companydb.Set(ptr(int32(2)))},
	}
	if n := must[int64](t)(companydb.Copy(ctx, db, companydb.Employees, emps)); n != 3 {
		t.Fatalf("Copy(Employees) = %d, want 3", n)
	}
	if n := must[int64](t)(companydb.Count(ctx, db, companydb.Employees)); n != 3 {
		t.Errorf("Count(Employees) = %d, want 3", n)
	}
	first := must[[]companydb.Employee](t)(companydb.List(ctx, db, companydb.Employees, nil, 2))
	if len(first) != 2 || first[0].EmpID != 1 || *first[0].FirstName != "First" || first[0].DeptID == nil || *first[0].DeptID != 3 || first[1].EmpID != 2 || *first[1].ManagerID != 1 {
		t.Fatalf("first page of List(Employees) = %+v", first)
	}
	k := first[1]
	if rest := must[[]companydb.Employee](t)(companydb.List(ctx, db, companydb.Employees, &k, 2)); len(rest) != 1 || rest[0].EmpID != 3 || *rest[0].DeptID != 1 {
		t.Errorf("second page of List(Employees) = %+v", rest)
	}
}

// TestNavigation: Department 1:N Employee and the self-reference Employee
// 1:N Employee as manager, both ways and for many parents at once.
func TestNavigation(t *testing.T) {
	db, ctx := open(t)
	sales, pool := departments(t, db, ctx)
	empty := must[companydb.Department](t)(companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 9}))
	boss := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 10, DeptID: companydb.Set(&sales.DeptID)}))
	r11 := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 11, ManagerID: &boss.EmpID, DeptID: companydb.Set(&sales.DeptID)}))
	r12 := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 12, ManagerID: &boss.EmpID}))
	r13 := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 13, ManagerID: &r11.EmpID}))

	if got := must[companydb.Department](t)(companydb.ParentOf(ctx, db, companydb.EmployeeDepartment, &r11)); !eq(got, sales) {
		t.Errorf("EmployeeDepartment(11) = %+v, want %+v", got, sales)
	}
	if got := must[companydb.Department](t)(companydb.ParentOf(ctx, db, companydb.EmployeeDepartment, &r12)); !eq(got, pool) {
		t.Errorf("EmployeeDepartment(12) = %+v, want the default department %+v", got, pool)
	}
	if got := must[[]companydb.Employee](t)(companydb.ChildrenOf(ctx, db, companydb.EmployeeDepartment, sales.DeptID)); len(got) != 2 || !eq(got[0], boss) || !eq(got[1], r11) {
		t.Errorf("ChildrenOf(EmployeeDepartment, sales) = %+v", got)
	}
	if got := must[[]companydb.Employee](t)(companydb.ChildrenOf(ctx, db, companydb.EmployeeDepartment, empty.DeptID)); len(got) != 0 {
		t.Errorf("ChildrenOf(EmployeeDepartment, empty) = %+v, want none", got)
	}
	byDept := must[map[int32][]companydb.Employee](t)(companydb.ChildrenOfMany(ctx, db, companydb.EmployeeDepartment, []int32{sales.DeptID, pool.DeptID, empty.DeptID}))
	if len(byDept) != 2 || len(byDept[1]) != 2 || len(byDept[3]) != 2 || !eq(byDept[3][0], r12) || !eq(byDept[3][1], r13) {
		t.Errorf("ChildrenOfMany(EmployeeDepartment) = %+v", byDept)
	}

	if got := must[companydb.Employee](t)(companydb.ParentOf(ctx, db, companydb.EmployeeManager, &r13)); !eq(got, r11) {
		t.Errorf("EmployeeManager(13) = %+v, want %+v", got, r11)
	}
	// The relationship is optional: the boss has no manager.
	if _, err := companydb.ParentOf(ctx, db, companydb.EmployeeManager, &boss); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("manager of the boss: %v, want ErrNotFound", err)
	}
	if got := must[[]companydb.Employee](t)(companydb.ChildrenOf(ctx, db, companydb.EmployeeManager, boss.EmpID)); len(got) != 2 || !eq(got[0], r11) || !eq(got[1], r12) {
		t.Errorf("ChildrenOf(EmployeeManager, boss) = %+v", got)
	}
	byManager := must[map[int32][]companydb.Employee](t)(companydb.ChildrenOfMany(ctx, db, companydb.EmployeeManager, []int32{boss.EmpID, r11.EmpID, r13.EmpID}))
	if len(byManager) != 2 || len(byManager[10]) != 2 || len(byManager[11]) != 1 || !eq(byManager[11][0], r13) {
		t.Errorf("ChildrenOfMany(EmployeeManager) = %+v", byManager)
	}
}

// TestPolicies: deleting a department moves its employees to department 3
// (ON DELETE SET DEFAULT); a manager leaving leaves reports unmanaged (SET
// NULL); a missing parent is a *ForeignKeyError.
func TestPolicies(t *testing.T) {
	db, ctx := open(t)
	departments(t, db, ctx)
	boss := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 10, DeptID: companydb.Set(ptr(int32(1)))}))
	for id := int32(11); id <= 12; id++ {
		must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: id, ManagerID: &boss.EmpID, DeptID: companydb.Set(ptr(int32(1)))}))
	}
	must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 20}))

	if err := companydb.Delete(ctx, db, companydb.Departments, 1); err != nil {
		t.Fatal(err)
	}
	if moved := must[[]companydb.Employee](t)(companydb.ChildrenOf(ctx, db, companydb.EmployeeDepartment, 3)); len(moved) != 4 {
		t.Fatalf("after deleting department 1, department 3 has %d employees, want 4", len(moved))
	}
	if err := companydb.Delete(ctx, db, companydb.Employees, boss.EmpID); err != nil {
		t.Fatal(err)
	}
	if e := must[companydb.Employee](t)(companydb.Get(ctx, db, companydb.EmployeeByEmpID, 11)); e.ManagerID != nil {
		t.Errorf("report after its manager left: %+v; want no manager", e)
	}

	// Department 3 is the default target: with employees in it, deleting
	// it would set their department to 3 again, which no longer exists.
	err := companydb.Delete(ctx, db, companydb.Departments, 3)
	var fe *companydb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Constraint != "fk_employee_department" || fe.OnDelete != "SET DEFAULT" || fe.Relationship != "Department 1:N Employee" {
		t.Fatalf("deleting the default department: %v, want *ForeignKeyError for fk_employee_department", err)
	}
	if _, err := companydb.Get(ctx, db, companydb.DepartmentByDeptID, 3); err != nil {
		t.Errorf("department 3 after the refused delete: %v", err)
	}

	// A manager or department that does not exist.
	_, err = companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 30, ManagerID: ptr(int32(404))})
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_employee_manager" || fe.OnDelete != "SET NULL" || fe.Table != "employee" || fe.RefTable != "employee" {
		t.Errorf("employee of a missing manager: %v, want *ForeignKeyError for fk_employee_manager", err)
	}
	if want := "an employee refers to an employee that does not exist (Employee 1:N Employee as manager"; err != nil && !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err.Error(), want)
	}
	e := must[companydb.Employee](t)(companydb.Get(ctx, db, companydb.EmployeeByEmpID, 20))
	e.DeptID = ptr(int32(404))
	if err := companydb.Update(ctx, db, companydb.Employees, &e); !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_employee_department" {
		t.Errorf("moving an employee to a missing department: %v, want *ForeignKeyError", err)
	}
}

// TestInTx: a failing function rolls back, a succeeding one commits.
func TestInTx(t *testing.T) {
	db, ctx := open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(tx *companydb.DB) error {
		if _, err := companydb.Create(ctx, tx, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 1}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if n := must[int64](t)(companydb.Count(ctx, db, companydb.Departments)); n != 0 {
		t.Errorf("rolled-back insert is visible: %d departments", n)
	}
	if err := db.InTx(ctx, func(tx *companydb.DB) error {
		_, err := companydb.Create(ctx, tx, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 1})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(companydb.Count(ctx, db, companydb.Departments)); n != 1 {
		t.Errorf("committed insert: %d departments, want 1", n)
	}
}

// TestPatchAndUpsert: a patch writes only the fields set, Set[*T](nil)
// writes NULL; an upsert inserts, then updates the row with its key, where
// a nil field with a default keeps the stored value.
func TestPatchAndUpsert(t *testing.T) {
	db, ctx := open(t)
	must[companydb.Department](t)(companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 3, DeptName: ptr("Sales")}))
	if d := must[companydb.Department](t)(companydb.Patch(ctx, db, companydb.Departments, 3, companydb.DepartmentPatch{})); d.DeptName == nil || *d.DeptName != "Sales" {
		t.Errorf("an empty patch changed the department: %+v", d)
	}
	if d := must[companydb.Department](t)(companydb.Patch(ctx, db, companydb.Departments, 3, companydb.DepartmentPatch{DeptName: companydb.Set[*string](nil)})); d.DeptName != nil {
		t.Errorf("DeptName after Set(nil) = %q, want NULL", *d.DeptName)
	}
	if _, err := companydb.Patch(ctx, db, companydb.Departments, 99, companydb.DepartmentPatch{}); !errors.Is(err, companydb.ErrNotFound) {
		t.Errorf("Patch(Departments) of a missing row: %v, want ErrNotFound", err)
	}
	must[companydb.Department](t)(companydb.Upsert(ctx, db, companydb.DepartmentByDeptID, companydb.CreateDepartmentParams{DeptID: 4, DeptName: ptr("Ops")}))
	if d := must[companydb.Department](t)(companydb.Upsert(ctx, db, companydb.DepartmentByDeptID, companydb.CreateDepartmentParams{DeptID: 4, DeptName: ptr("Ops 2")})); *d.DeptName != "Ops 2" {
		t.Errorf("second Upsert(DepartmentByDeptID) = %+v, want the name updated", d)
	}
	if n := must[int64](t)(companydb.Count(ctx, db, companydb.Departments)); n != 2 {
		t.Errorf("Count(Departments) = %d, want 2: the second upsert updated", n)
	}

	e := must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 1, FirstName: ptr("Ann"), LastName: ptr("Lee"), Salary: ptr(int32(100))}))
	p := must[companydb.Employee](t)(companydb.Patch(ctx, db, companydb.Employees, 1, companydb.EmployeePatch{Salary: companydb.Set(ptr(int32(120))), DeptID: companydb.Set(ptr(int32(4)))}))
	if *p.Salary != 120 || *p.DeptID != 4 || *p.FirstName != "Ann" || *p.LastName != "Lee" || *e.DeptID != 3 {
		t.Errorf("Patch(Employees) = %+v (created %+v), want salary 120, department 4, the rest kept", p, e)
	}
	var fe *companydb.ForeignKeyError
	if _, err := companydb.Patch(ctx, db, companydb.Employees, 1, companydb.EmployeePatch{ManagerID: companydb.Set(ptr(int32(42)))}); !errors.As(err, &fe) || fe.Constraint != "fk_employee_manager" {
		t.Errorf("patching in a missing manager: %v, want *ForeignKeyError", err)
	}
	// On update, a nil field without a default is NULL, one with a default
	// (dept_id) keeps what is stored.
	u := must[companydb.Employee](t)(companydb.Upsert(ctx, db, companydb.EmployeeByEmpID, companydb.CreateEmployeeParams{EmpID: 1, FirstName: ptr("Anna")}))
	if *u.FirstName != "Anna" || u.LastName != nil || u.Salary != nil || u.DeptID == nil || *u.DeptID != 4 {
		t.Errorf("Upsert(EmployeeByEmpID) over employee 1 = %+v, want first name Anna, last name and salary NULL, department 4 kept", u)
	}
}

// TestFind: filters on nullable columns and ranges, with keyset pages.
func TestFind(t *testing.T) {
	db, ctx := open(t)
	for i := range int32(4) {
		must[companydb.Department](t)(companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: i + 1, DeptName: ptr("d" + strconv.Itoa(int(i+1)))}))
	}
	must[companydb.Department](t)(companydb.Create(ctx, db, companydb.Departments, companydb.CreateDepartmentParams{DeptID: 9}))
	page := must[[]companydb.Department](t)(companydb.Find(ctx, db, companydb.Departments, companydb.DepartmentFilter{DeptName: companydb.NotNull[string]()}, companydb.DepartmentsByDeptIDDesc, nil, 3))
	if len(page) != 3 || page[0].DeptID != 4 || page[2].DeptID != 2 {
		t.Fatalf("named departments, DESC = %+v", page)
	}
	if rest := must[[]companydb.Department](t)(companydb.Find(ctx, db, companydb.Departments, companydb.DepartmentFilter{DeptName: companydb.NotNull[string]()}, companydb.DepartmentsByDeptIDDesc, &page[2], 3)); len(rest) != 1 || rest[0].DeptID != 1 {
		t.Errorf("second page = %+v, want department 1", rest)
	}
	must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 1, Salary: ptr(int32(50))}))
	must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 2, Salary: ptr(int32(150)), ManagerID: ptr(int32(1))}))
	must[companydb.Employee](t)(companydb.Create(ctx, db, companydb.Employees, companydb.CreateEmployeeParams{EmpID: 3, ManagerID: ptr(int32(1))}))
	if got := must[[]companydb.Employee](t)(companydb.Find(ctx, db, companydb.Employees, companydb.EmployeeFilter{ManagerID: companydb.Eq(int32(1)), Salary: companydb.Ge(int32(100))}, companydb.EmployeesByEmpID, nil, 10)); len(got) != 1 || got[0].EmpID != 2 {
		t.Errorf("reports of 1 earning >= 100 = %+v, want employee 2", got)
	}
	if got := must[[]companydb.Employee](t)(companydb.Find(ctx, db, companydb.Employees, companydb.EmployeeFilter{ManagerID: companydb.IsNull[int32](), DeptID: companydb.Eq(int32(3))}, companydb.EmployeesByEmpID, nil, 10)); len(got) != 1 || got[0].EmpID != 1 {
		t.Errorf("employees without a manager in department 3 = %+v, want employee 1", got)
	}
	// Counts of children per parent, one query for many parents.
	if n := must[map[int32]int64](t)(companydb.CountChildrenOf(ctx, db, companydb.EmployeeManager, []int32{1, 2, 3})); len(n) != 1 || n[1] != 2 {
		t.Errorf("CountChildrenOf(EmployeeManager) = %v, want employee 1 with 2 reports", n)
	}
	if n := must[map[int32]int64](t)(companydb.CountChildrenOf(ctx, db, companydb.EmployeeDepartment, []int32{3, 4})); len(n) != 1 || n[3] != 3 {
		t.Errorf("CountChildrenOf(EmployeeDepartment) = %v, want 3 in department 3 (the default)", n)
	}
}
