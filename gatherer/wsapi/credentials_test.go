package wsapi_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/gatherer/wsapi"
)

func TestCredentialsFromEnv(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name         string
		env          map[string]string
		passwordFile string
		wantUser     string
		wantPassword string
		wantErr      string
	}{
		{
			name:         "environment",
			env:          map[string]string{"DMAPREP_USER": "ops", "DMAPREP_PASSWORD": testPassword},
			wantUser:     "ops",
			wantPassword: testPassword,
		},
		{
			name:         "file with a newline",
			env:          map[string]string{"DMAPREP_USER": "ops"},
			passwordFile: file("lf", testPassword+"\n"),
			wantUser:     "ops",
			wantPassword: testPassword,
		},
		{
			name:         "file with CRLF and more lines",
			env:          map[string]string{"DMAPREP_USER": "ops"},
			passwordFile: file("crlf", testPassword+"\r\nsecond line\r\n"),
			wantUser:     "ops",
			wantPassword: testPassword,
		},
		{
			name:         "file without a newline, spaces kept",
			env:          map[string]string{"DMAPREP_USER": "ops"},
			passwordFile: file("nonl", " "+testPassword+" "),
			wantUser:     "ops",
			wantPassword: " " + testPassword + " ",
		},
		{
			name:         "file with a BOM",
			env:          map[string]string{"DMAPREP_USER": "ops"},
			passwordFile: file("bom", "\ufeff"+testPassword+"\r\n"),
			wantUser:     "ops",
			wantPassword: testPassword,
		},
		{
			name:         "file wins over the environment",
			env:          map[string]string{"DMAPREP_USER": "ops", "DMAPREP_PASSWORD": "from-env"},
			passwordFile: file("wins", testPassword),
			wantUser:     "ops",
			wantPassword: testPassword,
		},
		{
			name:    "no user",
			env:     map[string]string{"DMAPREP_PASSWORD": testPassword},
			wantErr: "no API user: set DMAPREP_USER",
		},
		{
			name:    "no password",
			env:     map[string]string{"DMAPREP_USER": "ops"},
			wantErr: "no API password: set DMAPREP_PASSWORD or give a password file",
		},
		{
			name:         "empty first line, secret below",
			env:          map[string]string{"DMAPREP_USER": "ops"},
			passwordFile: file("empty", "\n"+testPassword+"\n"),
			wantErr:      "the first line is empty",
		},
		{
			name:         "missing file",
			env:          map[string]string{"DMAPREP_USER": "ops", "DMAPREP_PASSWORD": testPassword},
			passwordFile: filepath.Join(dir, "absent"),
			wantErr:      "password file: open " + filepath.Join(dir, "absent"),
		},
		{
			name:         "directory",
			env:          map[string]string{"DMAPREP_USER": "ops"},
			passwordFile: dir,
			wantErr:      "is a directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			user, password, err := wsapi.CredentialsFromEnv(getenv, tt.passwordFile)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("CredentialsFromEnv = %v, want an error containing %q", err, tt.wantErr)
				}
				assertNoSecrets(t, "error", err.Error())
				if user != "" || password != "" {
					t.Errorf("credentials returned with an error: %q %q", user, password)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{tt.wantUser, tt.wantPassword}, []string{user, password}); diff != "" {
				t.Errorf("credentials (-want +got):\n%s", diff)
			}
		})
	}
}
