package functions_test

// What each function calls on AWS, read from its code: every package of this
// module is turned into SSA once, and for each functions/<op> the functions
// reachable from its main are found with rapid type analysis (RTA): an
// interface method call reaches the methods of the types that the reachable
// code converts to interfaces, nothing else. The AWS SDK and other modules
// are loaded from export data, without bodies: what the code calls on an SDK
// client is a call to a bodyless method of *dynamodb.Client, *s3.Client,
// *s3.PresignClient or *ses.Client (or one of handWritten, the calls made
// without an SDK client). Code outside this module may call back
// into it, so a function used as a value, and a method of a reachable runtime
// type that satisfies an interface declared outside this module, count as
// reachable.

import (
	"go/types"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/roster-app/roster/internal/race"
)

const (
	modulePath = "github.com/roster-app/roster"
	sdkService = "github.com/aws/aws-sdk-go-v2/service/"
)

// awsUse is what one function's code can call on AWS.
type awsUse struct {
	// Ops are SDK operations reached: "dynamodb.PutItem", "s3.PresignGetObject", "ses.SendEmail".
	Ops map[string]bool
	// Fields are SDK input fields the reachable code sets:
	// "dynamodb.QueryInput.IndexName", "dynamodb/types.TransactWriteItem.Put".
	Fields map[string]bool
}

var (
	awsUsesOnce sync.Once
	awsUsesByID map[string]awsUse // by CodeUri folder name
	awsUsesErr  error
)

// awsUses analyses every functions/<op> once per test binary.
func awsUses(t *testing.T, root string) map[string]awsUse {
	t.Helper()
	awsUsesOnce.Do(func() { awsUsesByID, awsUsesErr = analyseAWSUses(root, "./functions/...") })
	if awsUsesErr != nil {
		t.Fatalf("analyse AWS calls: %v", awsUsesErr)
	}
	return awsUsesByID
}

// analyseAWSUses analyses the main packages matching patterns, keyed by
// their folder name.
func analyseAWSUses(root string, patterns ...string) (map[string]awsUse, error) {
	// The module's packages that the functions link, loaded from source.
	args := append([]string{"list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.ImportPath}}{{end}}{{end}}"}, race.Flags()...)
	list := exec.Command("go", append(args, patterns...)...)
	list.Dir = root
	out, err := list.Output()
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
			packages.NeedSyntax | packages.NeedTypesInfo,
		Dir: root,
		// The dependencies' export data from the packages go test compiled
		// for this run, not from a second compile of the graph.
		BuildFlags: race.Flags(),
	}
	pkgs, err := packages.Load(cfg, strings.Fields(string(out))...)
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, &loadError{errs}
	}

	prog := ssa.NewProgram(pkgs[0].Fset, ssa.InstantiateGenerics)
	created := map[*types.Package]bool{}
	var external []*types.Package
	for _, p := range pkgs {
		prog.CreatePackage(p.Types, p.Syntax, p.TypesInfo, true)
		created[p.Types] = true
	}
	var createDeps func(*types.Package)
	createDeps = func(tp *types.Package) {
		for _, imp := range tp.Imports() {
			if !created[imp] {
				created[imp] = true
				prog.CreatePackage(imp, nil, nil, true)
				external = append(external, imp)
				createDeps(imp)
			}
		}
	}
	for _, p := range pkgs {
		createDeps(p.Types)
	}
	prog.Build()

	// Interfaces declared outside the module: code without SSA bodies may
	// call a module type's methods through them (io.Reader, sort.Interface,
	// attributevalue.Marshaler...).
	var foreign []*types.Interface
	for _, tp := range external {
		if strings.HasPrefix(tp.Path(), sdkService) {
			continue // the SDK's own interfaces are for its clients and paginators
		}
		scope := tp.Scope()
		for _, name := range scope.Names() {
			if tn, ok := scope.Lookup(name).(*types.TypeName); ok && tn.Exported() {
				if it, ok := tn.Type().Underlying().(*types.Interface); ok && it.NumMethods() > 0 && !isTypeParamIface(tn) {
					foreign = append(foreign, it)
				}
			}
		}
	}

	uses := map[string]awsUse{}
	for _, p := range pkgs {
		if p.Name != "main" || !strings.HasPrefix(p.PkgPath, modulePath+"/functions/") {
			continue
		}
		sp := prog.Package(p.Types)
		roots := []*ssa.Function{sp.Func("main"), sp.Func("init")}
		uses[filepath.Base(p.PkgPath)] = reachAWS(prog, roots, foreign)
	}
	return uses, nil
}

type loadError struct{ errs []string }

func (e *loadError) Error() string { return strings.Join(e.errs, "\n") }

func isTypeParamIface(tn *types.TypeName) bool {
	named, ok := tn.Type().(*types.Named)
	return ok && named.TypeParams().Len() > 0
}

// reachAWS runs RTA from roots and records the SDK operations and input
// fields the reachable code uses.
func reachAWS(prog *ssa.Program, roots []*ssa.Function, foreign []*types.Interface) awsUse {
	use := awsUse{Ops: map[string]bool{}, Fields: map[string]bool{}}
	reached := map[*ssa.Function]bool{}
	var queue []*ssa.Function
	reach := func(f *ssa.Function) {
		if f == nil || reached[f] {
			return
		}
		reached[f] = true
		queue = append(queue, f)
	}
	// RTA's two sets: the interface methods called (by interface and
	// name) and the concrete types converted to interfaces.
	type invoke struct {
		iface *types.Interface
		name  string
	}
	invokes := map[invoke]bool{}
	runtimeTypes := map[string]types.Type{}
	callInvoke := func(iv invoke) {
		for _, T := range runtimeTypes {
			if types.Implements(T, iv.iface) {
				lookupMethod(prog, T, iv.name, reach)
			}
		}
	}
	addRuntimeType := func(T types.Type) {
		key := types.TypeString(T, nil)
		if _, ok := runtimeTypes[key]; ok || types.IsInterface(T) {
			return
		}
		runtimeTypes[key] = T
		for iv := range invokes {
			if types.Implements(T, iv.iface) {
				lookupMethod(prog, T, iv.name, reach)
			}
		}
		if !inModule(T) {
			return
		}
		for _, it := range foreign {
			if types.Implements(T, it) {
				for i := range it.NumMethods() {
					lookupMethod(prog, T, it.Method(i).Name(), reach)
				}
			}
		}
	}
	for _, r := range roots {
		reach(r)
	}
	for len(queue) > 0 {
		f := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		recordSDK(f, use)
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.MakeInterface:
					addRuntimeType(in.X.Type())
				case *ssa.FieldAddr:
					recordField(in, use)
				}
				if c, ok := instr.(ssa.CallInstruction); ok {
					common := c.Common()
					if common.IsInvoke() {
						iv := invoke{common.Value.Type().Underlying().(*types.Interface), common.Method.Name()}
						if !invokes[iv] {
							invokes[iv] = true
							callInvoke(iv)
						}
					} else if callee := common.StaticCallee(); callee != nil {
						reach(callee)
					}
				}
				// A function used as a value may be called from anywhere,
				// including code without bodies (lambda.Start, sort.Slice).
				for _, op := range instr.Operands(nil) {
					if op == nil {
						continue
					}
					switch v := (*op).(type) {
					case *ssa.Function:
						reach(v)
					case *ssa.MakeClosure:
						reach(v.Fn.(*ssa.Function))
					}
				}
			}
		}
	}
	return use
}

// lookupMethod reaches T's method name, whatever package declares it.
func lookupMethod(prog *ssa.Program, T types.Type, name string, reach func(*ssa.Function)) {
	ms := prog.MethodSets.MethodSet(T)
	for i := range ms.Len() {
		if ms.At(i).Obj().Name() == name {
			reach(prog.MethodValue(ms.At(i)))
		}
	}
}

func inModule(T types.Type) bool {
	if p, ok := T.(*types.Pointer); ok {
		T = p.Elem()
	}
	named, ok := T.(*types.Named)
	return ok && named.Obj().Pkg() != nil && strings.HasPrefix(named.Obj().Pkg().Path(), modulePath+"/")
}

// handWritten are the AWS operations Roster's own code calls without an SDK
// service client, by the method that makes the call: internal/ssmparam
// speaks Parameter Store's JSON API itself.
var handWritten = map[string]string{
	"(*" + modulePath + "/internal/ssmparam.Client).GetParameter": "ssm.GetParameter",
}

// recordSDK notes f when it is an operation of an SDK service client, or
// one of handWritten.
func recordSDK(f *ssa.Function, use awsUse) {
	if op, ok := handWritten[f.String()]; ok {
		use.Ops[op] = true
		return
	}
	recv := f.Signature.Recv()
	if f.Object() == nil {
		return
	}
	// A paginator calls its operation from inside the SDK:
	// dynamodb.NewQueryPaginator(client, in) is a Query.
	if pkg := f.Object().Pkg(); recv == nil && pkg != nil && strings.HasPrefix(pkg.Path(), sdkService) &&
		!strings.Contains(strings.TrimPrefix(pkg.Path(), sdkService), "/") &&
		strings.HasPrefix(f.Name(), "New") && strings.HasSuffix(f.Name(), "Paginator") {
		use.Ops[pkg.Name()+"."+strings.TrimSuffix(strings.TrimPrefix(f.Name(), "New"), "Paginator")] = true
		return
	}
	if recv == nil {
		return
	}
	ptr, ok := recv.Type().(*types.Pointer)
	if !ok {
		return
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return
	}
	path := named.Obj().Pkg().Path()
	if !strings.HasPrefix(path, sdkService) || !slices.Contains([]string{"Client", "PresignClient"}, named.Obj().Name()) {
		return
	}
	service := strings.TrimPrefix(path, sdkService)
	if strings.Contains(service, "/") || !f.Object().Exported() {
		return
	}
	use.Ops[service+"."+f.Name()] = true
}

// recordField notes a store to a field of an SDK input type.
func recordField(fa *ssa.FieldAddr, use awsUse) {
	st := fa.X.Type().Underlying().(*types.Pointer).Elem()
	named, ok := st.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || !strings.HasPrefix(named.Obj().Pkg().Path(), sdkService) {
		return
	}
	stored := false
	for _, r := range *fa.Referrers() {
		if s, ok := r.(*ssa.Store); ok && s.Addr == fa {
			stored = true
		}
	}
	if !stored {
		return
	}
	field := named.Underlying().(*types.Struct).Field(fa.Field).Name()
	use.Fields[strings.TrimPrefix(named.Obj().Pkg().Path(), sdkService)+"."+named.Obj().Name()+"."+field] = true
}
