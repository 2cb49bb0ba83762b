package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// alterSequences sets the standalone sequences both models declare to
// NEW's settings where they changed, each setting written, with ALTER
// SEQUENCE: it keeps the sequence's position (START WITH only changes
// where RESTART would go), and fails, changing nothing, when the
// sequence's current value (the last number handed out, or its start when
// none was) lies outside the new bounds: PostgreSQL will not move it, and
// which value a sequence holds is the database's, not the model's.
func (p *planner) alterSequences() {
	for _, nsq := range p.new.Sequences {
		for _, osq := range p.old.Sequences {
			if osq.Name == nsq.Name && !sameSettings(osq.Settings, nsq.Settings) {
				p.add(&Step{Phase: PhaseTypes, What: "alter sequence " + nsq.Name, Pos: nsq.Pos, Transactional: true,
					SQL: []string{"ALTER SEQUENCE " + p.new.Qualify(nsq.Name) + postgres.SequenceOptions(nsq.Settings, true) + ";"}})
			}
		}
	}
}

// sameSettings reports whether two sequences have the same settings,
// written or defaults.
func sameSettings(a, b model.SequenceSettings) bool {
	return a.Type == b.Type && a.Start == b.Start && a.Increment == b.Increment && a.Min == b.Min && a.Max == b.Max &&
		a.Cache == b.Cache && a.Cycle == b.Cycle
}
