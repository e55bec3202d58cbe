package importer

import (
	"context"
	"io"
	"slices"

	"github.com/roster-app/roster/internal/sheet"
)

type sheetRow struct {
	line  int
	cells []string
}

type rowBatch struct {
	rows []sheetRow
	err  error // after the rows: the reader's error, other than io.EOF
}

// checkAll feeds every data row to c and counts them. The file is read on
// its own goroutine a few batches ahead, so that with more than one core
// reading (the slow half for XLSX) and checking (phone rules) overlap. A
// refusal of the file mid-way (too many rows, bad encoding) is returned as
// such; other errors are trouble a retry may cure.
func checkAll(ctx context.Context, rows *sheet.Reader, c *checker) (int, *refusal, error) {
	ch := make(chan rowBatch, 4)
	done := make(chan struct{})
	go readAhead(rows, ch, done)
	defer func() {
		close(done)
		for range ch { // let the reader finish before the file is closed
		}
	}()
	n := 0
	for b := range ch {
		for _, r := range b.rows {
			n++
			if err := c.add(ctx, r.line, r.cells); err != nil {
				return n, nil, err
			}
		}
		if b.err != nil {
			if ref := asRefusal(b.err); ref != nil {
				return n, ref, nil
			}
			return n, nil, b.err
		}
	}
	return n, nil, c.flush(ctx)
}

func readAhead(rows *sheet.Reader, ch chan<- rowBatch, done <-chan struct{}) {
	defer close(ch)
	batch := make([]sheetRow, 0, checkBatch)
	send := func(b rowBatch) bool {
		select {
		case ch <- b:
			return true
		case <-done:
			return false
		}
	}
	for {
		cells, err := rows.Next()
		if err == io.EOF {
			if len(batch) > 0 {
				send(rowBatch{rows: batch})
			}
			return
		}
		if err != nil {
			send(rowBatch{rows: batch, err: err})
			return
		}
		batch = append(batch, sheetRow{line: rows.Line(), cells: slices.Clone(cells)})
		if len(batch) == checkBatch {
			if !send(rowBatch{rows: batch}) {
				return
			}
			batch = make([]sheetRow, 0, checkBatch)
		}
	}
}
