// Command bench-scale measures what Roster's request paths cost in DynamoDB
// at two sizes of customer, in one table: a small organisation (100 users,
// 1,000 contacts, 400 conversations: enough for two full pages of an
// agent's inbox) and a large one (10,000 users with 3,000 agents in one
// group, 100,000 contacts, 100,000 audit events, 10,000 conversations,
// 50,000 ledger entries). Each call runs through the same handlers and
// services as the deployed functions (wired as their main.go does) against
// the local DynamoDB, whose meter prices it in calls and request units.
//
// The claim it checks: a call on the large organisation costs at most
// 1.2 × the same call on the small one + 4 units (read and write units
// each), and an inbound message makes at most 6 DynamoDB calls. It prints a
// Markdown table (for docs/performance.md) and exits 1 when a row fails.
//
//	make bench-scale                          # the sizes above
//	go run ./cmd/bench-scale -scale 0.05      # a quick run at 5 %
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"
)

func main() {
	scale := flag.Float64("scale", 1, "size of the large organisation relative to the issue's figures")
	smallScale := flag.Float64("small-scale", 1, "size of the small organisation relative to its figures (for a quick smoke run)")
	out := flag.String("out", "", "also write the Markdown table to this file")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench-scale:", err)
			os.Exit(1)
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
		go func() {
			<-stop
			pprof.StopCPUProfile()
			os.Exit(130)
		}()
	}
	if err := run(*scale, *smallScale, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench-scale:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// size is what one organisation holds.
type size struct {
	Name          string
	Users         int // in all, the administrator included
	SupportAgents int // agents of the one big group
	Contacts      int
	AuditEvents   int // at least; every seeded change writes one
	Conversations int
	LedgerEntries int
	DeskSilent    int // agents at the desk group with email notifications off
}

func sizes(scale, smallScale float64) (small, large size) {
	n := func(v int) int { return max(1, int(float64(v)*scale)) }
	sn := func(v int) int { return max(1, int(float64(v)*smallScale)) }
	small = size{Name: "small", Users: max(20, sn(100)), SupportAgents: max(3, sn(30)), Contacts: sn(1000), AuditEvents: sn(1000),
		Conversations: max(160, sn(400)), LedgerEntries: sn(500), DeskSilent: sn(5)}
	large = size{Name: "large", Users: n(10000), SupportAgents: n(3000), Contacts: n(100000), AuditEvents: n(100000),
		Conversations: n(10000), LedgerEntries: n(50000), DeskSilent: n(500)}
	if scale < 1 {
		// Keep the large one larger than the small one in every column.
		large.Users = max(large.Users, 4*small.Users)
		large.SupportAgents = max(large.SupportAgents, 4*small.SupportAgents)
		large.Contacts = max(large.Contacts, 4*small.Contacts)
		large.AuditEvents = max(large.AuditEvents, 4*small.AuditEvents)
		large.Conversations = max(large.Conversations, 4*small.Conversations)
		large.LedgerEntries = max(large.LedgerEntries, 4*small.LedgerEntries)
		large.DeskSilent = max(large.DeskSilent, 4*small.DeskSilent)
	}
	return small, large
}

func run(scale, smallScale float64, outPath string) error {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	env, err := openEnv(ctx, log)
	if err != nil {
		return err
	}
	defer env.close()

	small, large := sizes(scale, smallScale)
	start := time.Now()
	var orgs []*org
	for _, sz := range []size{small, large} {
		t := time.Now()
		o, err := env.seed(ctx, sz)
		if err != nil {
			return fmt.Errorf("seed %s: %w", sz.Name, err)
		}
		fmt.Fprintf(os.Stderr, "seeded %s organisation in %s: %+v\n", sz.Name, time.Since(t).Round(time.Second), o.seeded)
		orgs = append(orgs, o)
	}
	fmt.Fprintf(os.Stderr, "seeded in %s; measuring\n", time.Since(start).Round(time.Second))

	results := map[string][2]measured{}
	var order []string
	for i, o := range orgs {
		for _, c := range env.calls(o) {
			m, err := env.measure(ctx, c)
			if err != nil {
				// Reported in its row; the other rows are still worth
				// the seeding.
				m.err = fmt.Sprintf("%s organisation: %v", o.size.Name, err)
				fmt.Fprintf(os.Stderr, "%s: %s\n", c.name, m.err)
			}
			if _, seen := results[c.name]; !seen {
				order = append(order, c.name)
			}
			r := results[c.name]
			r[i] = m
			results[c.name] = r
		}
	}
	table, failed := report(order, results, small, large)
	fmt.Print(table)
	if outPath != "" {
		if err := os.WriteFile(outPath, []byte(table), 0o644); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d calls cost more on the large organisation than 1.2 × small + 4 units (or an inbound message made more than 6 calls)", failed, len(order))
	}
	return nil
}
