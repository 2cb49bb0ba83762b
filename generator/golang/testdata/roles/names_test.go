package roles

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: it runs, against PostgreSQL, the declarations
// whose SQL names are shortened to 63 bytes with a hash, by the Go names
// the model's words give them in full.

import (
	"context"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestLongNames(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_ROLES"))

	ann := golangtest.Must[Person](t)(Create(ctx, db, People, CreatePersonParams{Name: "Ann"}))
	bo := golangtest.Must[Person](t)(Create(ctx, db, People, CreatePersonParams{Name: "Bo"}))
	doc := golangtest.Must[Document](t)(Create(ctx, db, Documents, CreateDocumentParams{AuthorID: bo.ID, Title: "On names",
		SecondReviewerChosenFromTheEditorialBoardOfTheJournalID: &ann.ID}))
	if p, err := ParentOf(ctx, db, DocumentSecondReviewerChosenFromTheEditorialBoardOfTheJournal, &doc); err != nil || p != ann {
		t.Errorf("ParentOf(DocumentSecondReviewer...) = %+v, %v; want %+v", p, err, ann)
	}
	docs := golangtest.Must[map[int32][]Document](t)(ChildrenOfMany(ctx, db, DocumentSecondReviewerChosenFromTheEditorialBoardOfTheJournal, []int32{ann.ID, bo.ID}))
	if len(docs) != 1 || len(docs[ann.ID]) != 1 || docs[ann.ID][0].ID != doc.ID {
		t.Errorf("ChildrenOfMany(DocumentSecondReviewer...) = %+v", docs)
	}
	page := golangtest.Must[[]Document](t)(Find(ctx, db, Documents, DocumentFilter{SecondReviewerChosenFromTheEditorialBoardOfTheJournalID: Eq(ann.ID)},
		DocumentsBySecondReviewerChosenFromTheEditorialBoardOfTheJournalID, nil, 10))
	if len(page) != 1 || page[0].ID != doc.ID {
		t.Errorf("Find(Documents) by second reviewer = %+v", page)
	}

	office := golangtest.Must[CertificationAuthorityRegistrationOffice](t)(Create(ctx, db, CertificationAuthorityRegistrationOffices, struct{}{}))
	centre := golangtest.Must[ProfessionalQualificationAssessmentCentre](t)(Create(ctx, db, ProfessionalQualificationAssessmentCentres, struct{}{}))
	if added, err := Link(ctx, db, CertificationAuthorityRegistrationOfficeProfessionalQualificationAssessmentCentres,
		LinkCertificationAuthorityRegistrationOfficeProfessionalQualificationAssessmentCentreParams{
			CertificationAuthorityRegistrationOfficeID: office.ID, ProfessionalQualificationAssessmentCentreID: centre.ID}); err != nil || !added {
		t.Fatalf("Link = %v, %v", added, err)
	}
	linked := golangtest.Must[[]CertificationAuthorityRegistrationOfficeProfessionalQualificationAssessmentCentreProfessionalQualificationAssessmentCentre](t)(
		Linked(ctx, db, ProfessionalQualificationAssessmentCentresOfCertificationAuthorityRegistrationOffice, office.ID))
	if len(linked) != 1 || linked[0].ProfessionalQualificationAssessmentCentre != centre {
		t.Errorf("Linked(centres of office %d) = %+v", office.ID, linked)
	}
}
