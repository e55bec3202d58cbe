package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tourHeading opens the README section whose ```sh blocks are the tour; the
// next "## " heading ends it.
const tourHeading = "## A tour with curl"

// tourBlock is one ```sh block of the tour.
type tourBlock struct {
	Heading string   // the "### " heading it is under, or the section's own
	Start   int      // README line of its first line (1-based)
	Lines   []string // the block's text, fences left out
}

// readTour returns the tour's ```sh blocks in order. Blocks fenced for any
// other language are left out; an unclosed fence or a section without a
// block is an error.
func readTour(readme string) ([]tourBlock, error) {
	var blocks []tourBlock
	in, found := false, false
	heading := strings.TrimPrefix(tourHeading, "## ")
	var cur *tourBlock
	fence := ""
	for i, line := range strings.Split(readme, "\n") {
		n := i + 1
		switch {
		case cur != nil:
			if strings.TrimSpace(line) == "```" {
				blocks = append(blocks, *cur)
				cur = nil
				continue
			}
			cur.Lines = append(cur.Lines, line)
		case fence != "":
			if strings.TrimSpace(line) == "```" {
				fence = ""
			}
		case line == tourHeading:
			in, found = true, true
		case !in:
		case strings.HasPrefix(line, "## "):
			in = false
		case strings.HasPrefix(line, "### "):
			heading = strings.TrimPrefix(line, "### ")
		case strings.TrimSpace(line) == "```sh":
			cur = &tourBlock{Heading: heading, Start: n + 1}
		case strings.HasPrefix(strings.TrimSpace(line), "```"):
			fence = line // another language: not part of the script
		}
	}
	switch {
	case cur != nil:
		return nil, fmt.Errorf("README.md line %d: the ```sh block is never closed", cur.Start-1)
	case !found:
		return nil, fmt.Errorf("README.md has no %q section", tourHeading)
	case len(blocks) == 0:
		return nil, fmt.Errorf("README.md's %q section has no ```sh block", tourHeading)
	}
	return blocks, nil
}

// tourScript joins the blocks into one script and says, for each of its
// lines (index = line - 1), which block and README line it came from (-1:
// the script's own). The script first sets an ERR trap that names the line
// of a failing command, which bash -e would otherwise not say.
func tourScript(blocks []tourBlock) (script string, block, readmeLine []int) {
	var b strings.Builder
	add := func(line string, blk, rl int) {
		b.WriteString(line)
		b.WriteByte('\n')
		block = append(block, blk)
		readmeLine = append(readmeLine, rl)
	}
	add("set -E", -1, -1)
	add(`trap 'echo "tour.sh: line $LINENO: \"$BASH_COMMAND\" exited $?" >&2' ERR`, -1, -1)
	for i, blk := range blocks {
		add(fmt.Sprintf("# %s (README.md line %d)", blk.Heading, blk.Start), i, blk.Start-1)
		for j, line := range blk.Lines {
			add(line, i, blk.Start+j)
		}
	}
	add("echo "+tourEnd, -1, -1)
	return b.String(), block, readmeLine
}

// tourEnd is what the script prints last: a block that exits early does not
// pass for a tour that ran.
const tourEnd = "the tour ran to its end"

// failedLine is the last line bash named as failing in out ("tour.sh: line
// N: ..." from the ERR trap, or bash's own message for an unset variable),
// or 0.
func failedLine(out string) int {
	m := regexp.MustCompile(`tour\.sh: line (\d+):`).FindAllStringSubmatch(out, -1)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[len(m)-1][1])
	return n
}

// runTour runs the README's tour as one script with `bash -euo pipefail`, in
// a folder of its own, against the stack at apiURL, with what a person who
// pasted it would have: PATH, HOME, their locale, and the variables telling
// where the stack is (API) and where it keeps its state (ROSTER_DATA_DIR).
func runTour(t *testing.T, readmePath, apiURL, dataDir string) {
	t.Helper()
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := readTour(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	script, blockOf, readmeLine := tourScript(blocks)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tour.sh"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "API=" + apiURL, "ROSTER_DATA_DIR=" + dataDir}
	for _, k := range []string{"LANG", "LC_ALL", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	cmd := exec.Command("bash", "-euo", "pipefail", "tour.sh")
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if err == nil && !strings.HasSuffix(out.String(), tourEnd+"\n") {
		t.Fatalf("the README tour exited 0 before its end; its output:\n%s", out.String())
	}
	if err == nil {
		return
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("run the tour: %v", err)
	}
	t.Errorf("the README tour (%d blocks) stopped: %v", len(blocks), err)
	if n := failedLine(out.String()); n >= 1 && n <= len(blockOf) && blockOf[n-1] >= 0 {
		blk := blocks[blockOf[n-1]]
		t.Errorf("at README.md line %d, in the block %q (README.md lines %d-%d):\n\t%s\nthe block:\n%s",
			readmeLine[n-1], blk.Heading, blk.Start, blk.Start+len(blk.Lines)-1,
			strings.Split(script, "\n")[n-1], strings.Join(blk.Lines, "\n"))
	}
	const keep = 8 << 10
	tail := out.String()
	if len(tail) > keep {
		tail = "…" + tail[len(tail)-keep:]
	}
	t.Errorf("its output:\n%s", tail)
}

func TestReadTour(t *testing.T) {
	readme := strings.Join([]string{
		"# R",                 // 1
		"```sh",               // 2
		"make run",            // 3
		"```",                 // 4
		"## A tour with curl", // 5
		"```sh",               // 6
		"API=x",               // 7
		"",                    // 8
		"field() { :; }",      // 9
		"```",                 // 10
		"```yaml",             // 11
		"a: b",                // 12
		"```",                 // 13
		"### Added later",     // 14
		"```sh",               // 15
		"echo \"$API\"",       // 16
		"```",                 // 17
		"## Next",             // 18
		"```sh",               // 19
		"not the tour",        // 20
		"```",                 // 21
	}, "\n")
	blocks, err := readTour(readme)
	if err != nil {
		t.Fatal(err)
	}
	want := []tourBlock{
		{Heading: "A tour with curl", Start: 7, Lines: []string{"API=x", "", "field() { :; }"}},
		{Heading: "Added later", Start: 16, Lines: []string{`echo "$API"`}},
	}
	if fmt.Sprint(blocks) != fmt.Sprint(want) {
		t.Fatalf("blocks\n%v\nwant\n%v", blocks, want)
	}
	script, blockOf, readmeLine := tourScript(blocks)
	lines := strings.Split(script, "\n")
	for i, line := range lines[:len(blockOf)] {
		if blockOf[i] < 0 || strings.HasPrefix(line, "# ") {
			continue
		}
		if got := strings.Split(readme, "\n")[readmeLine[i]-1]; got != line {
			t.Errorf("script line %d %q maps to README line %d %q", i+1, line, readmeLine[i], got)
		}
	}

	for name, bad := range map[string]string{
		"no section":     "# R\n```sh\nx\n```\n",
		"no block":       "## A tour with curl\ntext\n## Next\n```sh\nx\n```\n",
		"unclosed block": "## A tour with curl\n```sh\nx\n",
	} {
		if _, err := readTour(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestTourRunsInBash runs a small tour for real: what the blocks set is seen
// by the later ones, and a failing command is reported with its README line
// and block.
func TestTourRunsInBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("the tour needs bash")
	}
	blocks, err := readTour("## A tour with curl\n```sh\nX=1\nf() { false; }\n```\n### Then\n```sh\necho \"x=$X\"\nY=$(f)\necho never\n```\n")
	if err != nil {
		t.Fatal(err)
	}
	script, blockOf, readmeLine := tourScript(blocks)
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "x=1") || strings.Contains(string(out), "never") || strings.Contains(string(out), tourEnd) {
		t.Fatalf("err %v, output:\n%s", err, out)
	}
	// bash -c names no file: the trap's "line N" is what the test reads.
	m := regexp.MustCompile(`line (\d+):`).FindAllStringSubmatch(string(out), -1)
	if m == nil {
		t.Fatalf("no failing line in:\n%s", out)
	}
	n, _ := strconv.Atoi(m[len(m)-1][1])
	if blockOf[n-1] != 1 || readmeLine[n-1] != 9 {
		t.Errorf("failing line %d maps to block %d, README line %d; want block 1, line 9\n%s", n, blockOf[n-1], readmeLine[n-1], out)
	}
}

// TestTourHasNoPlaceholders: every command of the README's tour runs as
// pasted, so none holds a "<placeholder>" or an elided "…" (comments, which
// show expected answers, may).
func TestTourHasNoPlaceholders(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := readTour(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`<[A-Za-z][^<>$"()|]*>`)
	for _, blk := range blocks {
		for i, line := range blk.Lines {
			code := line
			if strings.HasPrefix(strings.TrimSpace(code), "#") {
				continue
			}
			if j := strings.Index(code, " #"); j >= 0 {
				code = code[:j]
			}
			if strings.Contains(code, "…") || placeholder.MatchString(code) || strings.Contains(code, "make run &") {
				t.Errorf("README.md line %d (%s) cannot run as pasted: %s", blk.Start+i, blk.Heading, line)
			}
		}
	}
}
