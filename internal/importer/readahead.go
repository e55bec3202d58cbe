package importer

import (
	"context"
	"io"

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
//
// A batch the checker has decided (it flushes every checkBatch rows, and
// batches are that long) goes back to the reader, whose next batch copies
// its cells into the same slices: a quarter of what checking allocates.
func checkAll(ctx context.Context, rows *sheet.Reader, c *checker) (int, *refusal, error) {
	ch := make(chan rowBatch, 4)
	done := make(chan struct{})
	free := make(chan []sheetRow, 8)
	go readAhead(rows, ch, done, free)
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
		if len(c.batch) == 0 { // decided: nothing refers to b's slices
			select {
			case free <- b.rows:
			default:
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

func readAhead(rows *sheet.Reader, ch chan<- rowBatch, done <-chan struct{}, free <-chan []sheetRow) {
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
		var reuse []string // the cells slice of a decided batch's row
		if len(batch) < cap(batch) {
			reuse = batch[:len(batch)+1][len(batch)].cells[:0]
		}
		batch = append(batch, sheetRow{line: rows.Line(), cells: append(reuse, cells...)})
		if len(batch) == checkBatch {
			if !send(rowBatch{rows: batch}) {
				return
			}
			select {
			case batch = <-free:
				batch = batch[:0]
			default:
				batch = make([]sheetRow, 0, checkBatch)
			}
		}
	}
}
