package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
)

// Down plans the way back from NEW to OLD after up, the plan from OLD to
// NEW: the planner run from NEW to OLD with the renames reversed. It is
// for down files, which a team runs to undo a migration, so it plans
// nothing that loses data: when up deletes data (a hazard --allow drop
// accepted), or the way back would (dropping what up added, removing an
// enum value), there is no down plan, and the diagnostics, warnings,
// say why. A rewrite on the way back is planned only when the user
// accepted rewrites for up.
func Down(oldFile, newFile *dsl.File, up *Plan, opts Options) (*Plan, dsl.Diagnostics) {
	var diags dsl.Diagnostics
	for _, s := range up.Steps {
		for _, code := range s.Hazards {
			if hazards[code].Allow == "drop" {
				d := diags.Warnf(s.Pos, s.Pos, "no down files: going back cannot restore what %q deletes (%s)", s.What, code)
				d.Code = code
				d.Hintf("write the way back by hand, or make the drop a migration of its own")
			}
		}
	}
	if len(diags) > 0 {
		return nil, diags
	}
	old, new, rn, diags := prepare(oldFile, newFile)
	if diags.HasErrors() {
		return nil, diags
	}
	back := Options{LockTimeout: opts.LockTimeout}
	if slices.Contains(opts.Allow, "rewrite") {
		back.Allow = []string{"rewrite"}
	}
	plan, refused := planRenamed(new, old, newFile, rn.back, back)
	for _, r := range refused {
		d := diags.Warnf(r.Pos, r.End, "no down files: going back, %s", r.Msg)
		d.Code = r.Code
		d.Hintf("down files are written only when the way back loses no data; write it by hand, or make this change a migration of its own")
	}
	return plan, diags
}
