package wsapi

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/dmaprep/dmaprep/internal/boundedread"
)

// Environment variables that carry the API credentials.
const (
	EnvUser     = "DMAPREP_USER"
	EnvPassword = "DMAPREP_PASSWORD"
)

// maxPasswordFile bounds how much of a password file is read.
const maxPasswordFile = 64 << 10

// ErrNoPassword is the error of CredentialsFromEnv when no password was given at all.
var ErrNoPassword = errors.New("no API password: set " + EnvPassword + " or give a password file")

// CredentialsFromEnv returns the account to log in with: the user from DMAPREP_USER, the
// password from the first line of passwordFile when one is given, else
// from DMAPREP_PASSWORD. Credentials never come from the command line, where other users of
// the machine can read them.
//
// The password file is read whatever its permissions: refusing a world-readable file would
// break the usual CI secret mounts, and warning would need a channel this function does not
// have. Its content is never part of an error.
func CredentialsFromEnv(getenv func(string) string, passwordFile string) (user, password string, err error) {
	user = getenv(EnvUser)
	if strings.TrimSpace(user) == "" {
		return "", "", fmt.Errorf("no API user: set %s", EnvUser)
	}
	if passwordFile != "" {
		password, err = readPasswordFile(passwordFile)
		if err != nil {
			return "", "", err
		}
		return user, password, nil
	}
	password = getenv(EnvPassword)
	if password == "" {
		return "", "", ErrNoPassword
	}
	return user, password, nil
}

// readPasswordFile returns the first line of path without its line ending.
func readPasswordFile(path string) (string, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "", fmt.Errorf("password file %s: is a directory", path)
	}
	// Only the path and the reason: err never holds the file's content.
	data, err := boundedread.File(context.Background(), path, maxPasswordFile)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\n")
	line = strings.TrimSuffix(line, "\r")
	line = strings.TrimPrefix(line, "\ufeff") // a BOM left by Windows editors
	if line == "" {
		return "", fmt.Errorf("password file %s: the first line is empty", path)
	}
	return line, nil
}
