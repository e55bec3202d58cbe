package roster

import "testing"

func TestParseUploadKey(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		want   UploadKey
		wantOK bool
	}{
		{name: "API upload names organisation, import and file", key: "imports/org1/imp1/contacts.xlsx",
			want: UploadKey{Source: UploadViaAPI, OrgID: "org1", ImportID: "imp1", FileName: "contacts.xlsx"}, wantOK: true},
		{name: "dropped upload names organisation and file", key: "incoming/org1/contacts.csv",
			want: UploadKey{Source: UploadDropped, OrgID: "org1", FileName: "contacts.csv"}, wantOK: true},
		{name: "file name may hold spaces and non-ASCII", key: "incoming/org1/Kontakte März 2026.xlsx",
			want: UploadKey{Source: UploadDropped, OrgID: "org1", FileName: "Kontakte März 2026.xlsx"}, wantOK: true},
		{name: "file name without an extension is still an upload", key: "imports/org1/imp1/contacts",
			want: UploadKey{Source: UploadViaAPI, OrgID: "org1", ImportID: "imp1", FileName: "contacts"}, wantOK: true},
		{name: "dropped key with an import segment is ignored", key: "incoming/org1/imp1/contacts.csv"},
		{name: "API key without an import id is ignored", key: "imports/org1/contacts.csv"},
		{name: "API key with an extra folder is ignored", key: "imports/org1/imp1/sub/contacts.csv"},
		{name: "dropped key in a sub-folder is ignored", key: "incoming/org1/sub/dir/contacts.csv"},
		{name: "organisation folder alone is ignored", key: "incoming/org1/"},
		{name: "folder marker of an import is ignored", key: "imports/org1/imp1/"},
		{name: "prefix alone is ignored", key: "incoming/"},
		{name: "empty key is ignored", key: ""},
		{name: "empty organisation is ignored", key: "incoming//contacts.csv"},
		{name: "empty organisation in an API key is ignored", key: "imports//imp1/contacts.csv"},
		{name: "empty import id is ignored", key: "imports/org1//contacts.csv"},
		{name: "leading slash is ignored", key: "/incoming/org1/contacts.csv"},
		{name: "other prefix is ignored", key: "exports/org1/contacts.csv"},
		{name: "prefix differing in case is ignored", key: "Incoming/org1/contacts.csv"},
		{name: "prefix without its trailing s is ignored", key: "import/org1/imp1/contacts.csv"},
		{name: "key without slashes is ignored", key: "contacts.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseUploadKey(tt.key)
			if ok != tt.wantOK || got != tt.want {
				t.Fatalf("ParseUploadKey(%q) = %+v, %v; want %+v, %v", tt.key, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
