package importer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

// The plan is what validation decided, row by row, in gzip'd JSON lines
// cut into parts of planPartRows: applying streams it back part by part and
// records how far it got, so a fresh invocation resumes mid-file. Contact
// ids of new rows are chosen here, once, so a retried write puts the same
// item again instead of a second contact.

const planPartRows = 20_000

type planOp string

const (
	opCreate planOp = "create"
	opUpdate planOp = "update"
)

type planLine struct {
	Line    int                 `json:"line"`
	Op      planOp              `json:"op"`
	ID      string              `json:"id"`
	Version int64               `json:"version,omitempty"` // update: the version that was reviewed
	Input   roster.ContactInput `json:"input"`
}

// planWriter uploads a part each time one fills.
type planWriter struct {
	objects      *s3store.Objects
	orgID, impID string
	buf          bytes.Buffer
	gz           *gzip.Writer
	enc          *json.Encoder
	rows, parts  int
	ctx          context.Context
}

func newPlanWriter(ctx context.Context, objects *s3store.Objects, orgID, importID string) *planWriter {
	w := &planWriter{objects: objects, orgID: orgID, impID: importID, ctx: ctx}
	w.reset()
	return w
}

func (w *planWriter) reset() {
	w.buf.Reset()
	w.gz, _ = gzip.NewWriterLevel(&w.buf, gzip.BestSpeed)
	w.enc = json.NewEncoder(w.gz)
	w.rows = 0
}

func (w *planWriter) add(l planLine) error {
	if err := w.enc.Encode(l); err != nil {
		return fmt.Errorf("encode plan line: %w", err)
	}
	if w.rows++; w.rows == planPartRows {
		return w.flush()
	}
	return nil
}

func (w *planWriter) flush() error {
	if w.rows == 0 {
		return nil
	}
	if err := w.gz.Close(); err != nil {
		return err
	}
	key := imports.PlanKey(w.orgID, w.impID, w.parts)
	if err := w.objects.Put(w.ctx, key, bytes.NewReader(w.buf.Bytes()), "application/gzip", nil); err != nil {
		return err
	}
	w.parts++
	w.reset()
	return nil
}

// readPlanPart calls fn for each line of a part from line from on.
func readPlanPart(ctx context.Context, objects *s3store.Objects, orgID, importID string, part, from int, fn func(int, planLine) error) error {
	body, _, err := objects.Get(ctx, imports.PlanKey(orgID, importID, part))
	if err != nil {
		return err
	}
	defer body.Close()
	gz, err := gzip.NewReader(bufio.NewReader(body))
	if err != nil {
		return fmt.Errorf("open plan part %d: %w", part, err)
	}
	dec := json.NewDecoder(gz)
	for i := 0; ; i++ {
		var l planLine
		if err := dec.Decode(&l); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("read plan part %d line %d: %w", part, i, err)
		}
		if i < from {
			continue
		}
		if err := fn(i, l); err != nil {
			return err
		}
	}
}
