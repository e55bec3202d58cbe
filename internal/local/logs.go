package local

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// logSink collects a function's output: every line goes to
// <DataDir>/logs/<LogicalId>.log and, with -v, to the console prefixed by
// the function's name. Lines from concurrent instances never interleave.
type logSink struct {
	mu      sync.Mutex
	file    *os.File
	console io.Writer
	prefix  string
}

func openLogSink(path, logicalID string, console io.Writer) (*logSink, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open function log: %w", err)
	}
	return &logSink{file: f, console: console, prefix: "[" + logicalID + "] "}, nil
}

func (s *logSink) writeLine(line []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _ = s.file.Write(append(line, '\n'))
	if s.console != nil {
		_, _ = fmt.Fprintf(s.console, "%s%s\n", s.prefix, line)
	}
}

// note writes a line of the local stack's own (START, REPORT, timeouts) in
// the style of Lambda's platform lines, so the file reads like CloudWatch.
// The console already has the request line, so these stay in the file.
func (s *logSink) note(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _ = fmt.Fprintf(s.file, format+"\n", args...)
}

func (s *logSink) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.file.Close()
}

func (s *logSink) lineWriter() *lineWriter { return &lineWriter{sink: s} }

// lineWriter cuts one output stream of one process into lines.
type lineWriter struct {
	mu   sync.Mutex
	sink *logSink
	buf  []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.sink.writeLine(bytes.TrimSuffix(w.buf[:i], []byte("\r")))
		w.buf = w.buf[i+1:]
	}
	// A process printing without newlines must not grow the buffer forever.
	if len(w.buf) > 64<<10 {
		w.sink.writeLine(w.buf)
		w.buf = nil
	}
	return len(p), nil
}

func (w *lineWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.sink.writeLine(w.buf)
		w.buf = nil
	}
}

// logStreamName looks like Lambda's: date, version, instance id.
func logStreamName() string {
	return time.Now().UTC().Format("2006/01/02") + "/[$LATEST]" + randomHex(16)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newRequestID returns a UUID v4, the shape of Lambda's request ids.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// traceID is an X-Ray trace id in the Root=...;Parent=...;Sampled=0 form the
// runtime passes on in _X_AMZN_TRACE_ID.
func traceID() string {
	return fmt.Sprintf("Root=1-%08x-%s;Parent=%s;Sampled=0", time.Now().Unix(), randomHex(12), randomHex(8))
}
