// Package s3local serves S3 for the local stack: gofakes3 over one bolt
// file, so objects survive restarts, plus a hook that tells the stack when an
// object lands, standing in for S3 event notifications.
//
// Only path-style requests (/<bucket>/<key>) are served. The stock SDK
// client uses path style by itself when the endpoint host is an IP address
// (http://127.0.0.1:3000/_local/s3); with a host name such as localhost it
// switches to virtual-hosted style (http://<bucket>.localhost:3000/...),
// which fails unless the client sets UsePathStyle.
package s3local

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3bolt"
	bolt "go.etcd.io/bbolt"
	"gopkg.in/mgo.v2/bson"
)

// Event names, as S3 writes them in notifications.
const (
	EventPut       = "ObjectCreated:Put"
	EventCopy      = "ObjectCreated:Copy"
	EventMultipart = "ObjectCreated:CompleteMultipartUpload"
)

// ObjectCreated describes an object that has just been stored.
type ObjectCreated struct {
	Bucket, Key string
	Size        int64
	// ETag is quoted, like S3's, and is the MD5 of the whole object: for a
	// multipart upload that is what GetObject and HeadObject report here,
	// not S3's "<md5 of part md5s>-<parts>".
	ETag      string
	EventName string // EventPut, EventCopy or EventMultipart
	Time      time.Time
}

// lockTimeout bounds the wait for the bolt file lock: without one, Open
// blocks forever while another process (a second `make run`) has the file.
var lockTimeout = 2 * time.Second

// Server is an S3 endpoint backed by a bolt file. It is safe for
// concurrent use.
type Server struct {
	db        *bolt.DB
	hooked    *hookBackend // the bolt backend as gofakes3 sees it
	handler   http.Handler
	onCreated func(ObjectCreated)

	mu sync.Mutex
	// completing counts CompleteMultipartUpload requests in flight per
	// "bucket/key". gofakes3 assembles the parts and stores them with an
	// ordinary PutObject call, so this is how the hook tells the two apart.
	// (A plain PUT racing a completion of the same key gets the multipart
	// name too; browser form POSTs are reported as Put.)
	completing map[string]int
}

// Open opens (or creates) the bolt file at boltPath and returns a Server
// storing objects in it. onCreated, which may be nil, is called in a new
// goroutine after each object is stored, so a slow handler never holds up
// the upload that triggered it.
func Open(boltPath string, onCreated func(ObjectCreated)) (*Server, error) {
	db, err := bolt.Open(boltPath, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		return nil, fmt.Errorf("open s3 store %s: %w", boltPath, err)
	}
	s := &Server{db: db, onCreated: onCreated, completing: map[string]int{}}
	s.hooked = &hookBackend{Backend: s3bolt.New(db), s: s}
	s.handler = gofakes3.New(s.hooked).Server()
	return s, nil
}

// ServeHTTP answers one S3 REST request. Paths are /<bucket>/<key>
// relative to where the handler is mounted (use http.StripPrefix).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && r.URL.Query().Has("uploadId") {
		k := strings.TrimPrefix(r.URL.Path, "/")
		s.mu.Lock()
		s.completing[k]++
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.completing[k]--; s.completing[k] == 0 {
				delete(s.completing, k)
			}
		}()
	}
	s.handler.ServeHTTP(w, r)
}

// EnsureBucket creates the bucket unless it exists.
func (s *Server) EnsureBucket(name string) error {
	if err := gofakes3.ValidateBucketName(name); err != nil {
		return fmt.Errorf("ensure bucket %q: %w", name, err)
	}
	exists, err := s.hooked.BucketExists(name)
	if err != nil {
		return fmt.Errorf("ensure bucket %q: %w", name, err)
	}
	if exists {
		return nil
	}
	err = s.hooked.CreateBucket(name)
	if err != nil && !gofakes3.HasErrorCode(err, gofakes3.ErrBucketAlreadyExists) {
		return fmt.Errorf("ensure bucket %q: %w", name, err)
	}
	return nil
}

// Close closes the bolt file, after reads in progress finish. Requests
// served afterwards fail.
func (s *Server) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close s3 store %s: %w", s.db.Path(), err)
	}
	return nil
}

func (s *Server) eventFor(bucket, key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.completing[bucket+"/"+key] > 0 {
		return EventMultipart
	}
	return EventPut
}

func (s *Server) fire(ev ObjectCreated) {
	if s.onCreated != nil {
		go s.onCreated(ev)
	}
}

// hookBackend reports every object gofakes3 stores, and reads objects
// safely (see GetObject). Embedding the gofakes3.Backend interface, not the
// bolt type, hides nothing the bolt backend has: it implements neither
// versioning nor multipart storage, so gofakes3 assembles multipart uploads
// in memory and calls PutObject here.
type hookBackend struct {
	gofakes3.Backend
	s *Server
}

func (b *hookBackend) PutObject(bucket, key string, meta map[string]string, input io.Reader, size int64, conditions *gofakes3.PutConditions) (gofakes3.PutObjectResult, error) {
	cr := &countingReader{r: input, h: md5.New()}
	res, err := b.Backend.PutObject(bucket, key, meta, cr, size, conditions)
	if err != nil {
		return res, err
	}
	b.s.fire(ObjectCreated{
		Bucket:    bucket,
		Key:       key,
		Size:      cr.n,
		ETag:      `"` + hex.EncodeToString(cr.h.Sum(nil)) + `"`,
		EventName: b.s.eventFor(bucket, key),
		Time:      time.Now().UTC(),
	})
	return res, nil
}

// GetObject replaces the bolt backend's, which hands out Contents and Hash
// still pointing into bolt's memory map after its read transaction ends:
// a concurrent write that grows or reuses those pages then corrupts the
// response or crashes the process (seen as SIGSEGV in CopyObject).
func (b *hookBackend) GetObject(bucket, key string, rangeRequest *gofakes3.ObjectRangeRequest) (*gofakes3.Object, error) {
	return b.s.readObject(bucket, key, rangeRequest, true)
}

// HeadObject replaces the bolt backend's for the same reason as GetObject.
func (b *hookBackend) HeadObject(bucket, key string) (*gofakes3.Object, error) {
	return b.s.readObject(bucket, key, nil, false)
}

// CopyObject stores the copy through the bolt backend's PutObject, like
// the bolt backend does, but reads the source with the safe GetObject.
func (b *hookBackend) CopyObject(srcBucket, srcKey, dstBucket, dstKey string, meta map[string]string) (gofakes3.CopyObjectResult, error) {
	src, err := b.GetObject(srcBucket, srcKey, nil)
	if err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	defer src.Contents.Close()
	if _, err := b.Backend.PutObject(dstBucket, dstKey, meta, src.Contents, src.Size, nil); err != nil {
		return gofakes3.CopyObjectResult{}, err
	}
	now := time.Now().UTC()
	etag := gofakes3.FormatETag(src.Hash)
	b.s.fire(ObjectCreated{
		Bucket:    dstBucket,
		Key:       dstKey,
		Size:      src.Size,
		ETag:      etag,
		EventName: EventCopy,
		Time:      now,
	})
	return gofakes3.CopyObjectResult{ETag: etag, LastModified: gofakes3.NewContentTime(now)}, nil
}

// boltObject is the record s3bolt stores per object (gofakes3 v1.2.0,
// backend/s3bolt/schema.go; bson field names are the lowercased Go names).
type boltObject struct {
	Name         string
	Metadata     map[string]string
	LastModified time.Time
	Size         int64
	Contents     []byte
	Hash         []byte
}

// readObject reads an object the way s3bolt does, but copies its bytes
// before the read transaction ends.
func (s *Server) readObject(bucket, key string, rangeRequest *gofakes3.ObjectRangeRequest, withContents bool) (*gofakes3.Object, error) {
	var obj boltObject
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucket))
		if b == nil {
			return gofakes3.BucketNotFound(bucket)
		}
		v := b.Get([]byte(key))
		if v == nil {
			return gofakes3.KeyNotFound(key)
		}
		if err := bson.Unmarshal(v, &obj); err != nil {
			return fmt.Errorf("read %s/%s: %w", bucket, key, err)
		}
		// bson leaves []byte fields pointing into v, which is bolt's mmap.
		obj.Hash = bytes.Clone(obj.Hash)
		if withContents {
			obj.Contents = bytes.Clone(obj.Contents)
		} else {
			obj.Contents = nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rnge, err := rangeRequest.Range(obj.Size)
	if err != nil {
		return nil, err
	}
	data := obj.Contents
	if rnge != nil && withContents {
		data = data[rnge.Start : rnge.Start+rnge.Length]
	}
	return &gofakes3.Object{
		Name:     key,
		Metadata: obj.Metadata,
		Size:     obj.Size,
		Contents: io.NopCloser(bytes.NewReader(data)),
		Hash:     obj.Hash,
		Range:    rnge,
	}, nil
}

// countingReader measures and hashes what the backend reads, so the event
// has the stored size and ETag without reading the object back.
type countingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.h.Write(p[:n])
	return n, err
}
