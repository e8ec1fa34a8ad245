package dev.scanbench.harness.plan;

import java.util.List;

/**
 * One kernel launch of a plan, declared by
 * {@code @plan launch <entry> grid=<expr>[,<expr>[,<expr>]] block=<expr>[,...] [smem=<expr>] [cooperative] args=(<arg>, ...)}.
 *
 * @param entry        the PTX entry name as written (exact, or the simple name of an extern-"C"-less C++ kernel)
 * @param grid         1 to 3 grid dimensions (x, y, z); missing ones are 1
 * @param block        1 to 3 block dimensions (x, y, z); missing ones are 1
 * @param sharedBytes  dynamic shared memory in bytes (a literal 0 when not written)
 * @param args         the kernel arguments in order
 * @param pos          the directive's position
 * @param cooperative  a cooperative launch (keyword {@code cooperative}): the whole grid resident at once, so that
 *                     {@code cg::this_grid().sync()} is defined; refused when the grid exceeds what an H100 keeps
 *                     resident (occupancy x 132 SMs)
 */
public record Launch(String entry, List<Expr> grid, List<Expr> block, Expr sharedBytes,
                     List<LaunchArg> args, SourcePos pos, boolean cooperative) {

    /** A plain (not cooperative) launch. */
    public Launch(String entry, List<Expr> grid, List<Expr> block, Expr sharedBytes, List<LaunchArg> args,
                  SourcePos pos) {
        this(entry, grid, block, sharedBytes, args, pos, false);
    }

    public Launch {
        grid = List.copyOf(grid);
        block = List.copyOf(block);
        args = List.copyOf(args);
    }

    /** The directive in canonical form (for logs and messages). */
    public String render() {
        StringBuilder sb = new StringBuilder("launch ").append(entry);
        sb.append(" grid=").append(join(grid)).append(" block=").append(join(block));
        sb.append(" smem=").append(sharedBytes.render()).append(cooperative ? " cooperative" : "").append(" args=(");
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(args.get(i).render());
        }
        return sb.append(')').toString();
    }

    private static String join(List<Expr> dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(dims.get(i).render());
        }
        return sb.toString();
    }
}
