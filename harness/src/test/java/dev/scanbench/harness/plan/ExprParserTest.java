package dev.scanbench.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExprParserTest {

    private static Expr parse(String text) throws PlanException {
        TokenCursor in = new TokenCursor(DirectiveLexer.tokens(text, 0, "k.cu", 7), "k.cu", 7);
        Expr e = new ExprParser(in).expression();
        assertThat(in.peek().kind()).as("whole text consumed").isEqualTo(Token.Kind.END);
        return e;
    }

    private static long eval(String text, long n) throws PlanException {
        return parse(text).evaluate(n);
    }

    @Test
    void precedenceAndAssociativity() throws PlanException {
        assertThat(eval("2 + 3 * 4", 0)).isEqualTo(14);
        assertThat(eval("(2 + 3) * 4", 0)).isEqualTo(20);
        assertThat(eval("100 - 10 - 1", 0)).isEqualTo(89);
        assertThat(eval("100 / 10 / 5", 0)).isEqualTo(2);
        assertThat(eval("-n + 3", 5)).isEqualTo(-2);
        assertThat(eval("- -4", 0)).isEqualTo(4);
        assertThat(eval("0x100 * n", 2)).isEqualTo(512);
    }

    @Test
    void nestingPastTheLimitIsAPlanErrorAtTheLineNotAStackOverflow() throws PlanException {
        assertThat(eval("(".repeat(30) + "n" + ")".repeat(30), 3)).isEqualTo(3);
        assertThatThrownBy(() -> parse("(".repeat(3000) + "1" + ")".repeat(3000)))
                .isInstanceOf(PlanException.class).hasMessageStartingWith("k.cu:7:")
                .hasMessageContaining("nested deeper than 32 levels");
        assertThatThrownBy(() -> parse("-".repeat(3000) + "1")).isInstanceOf(PlanException.class)
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> parse("min(".repeat(100) + "1" + ", 2)".repeat(100))).isInstanceOf(PlanException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void anExpressionLongerThanTheLimitIsAPlanError() throws PlanException {
        assertThat(eval("1" + "+1".repeat(100), 0)).isEqualTo(101);
        assertThatThrownBy(() -> parse("1" + "+1".repeat(100_000))).isInstanceOf(PlanException.class)
                .hasMessageStartingWith("k.cu:7:").hasMessageContaining("longer than 256 tokens");
    }

    @Test
    void divisionTruncatesTowardZeroLikeC() throws PlanException {
        assertThat(eval("7 / 2", 0)).isEqualTo(3);
        assertThat(eval("-7 / 2", 0)).isEqualTo(-3);
        assertThat(eval("7 / -2", 0)).isEqualTo(-3);
    }

    @Test
    void builtInFunctions() throws PlanException {
        assertThat(eval("ceil_div(n, 256)", 1)).isEqualTo(1);
        assertThat(eval("ceil_div(n, 256)", 256)).isEqualTo(1);
        assertThat(eval("ceil_div(n, 256)", 257)).isEqualTo(2);
        assertThat(eval("ceil_div(-7, 2)", 0)).isEqualTo(-3);
        assertThat(eval("min(n, 1024) + max(n, 4)", 3)).isEqualTo(7);
        assertThat(eval("16 * ceil_div(n, min(4096, max(n / 2, 1)))", 100_000_000)).isEqualTo(16 * 24_415);
    }

    @Test
    void rendersCanonicallyWithNeededParentheses() throws PlanException {
        assertThat(parse("(n+1)*4").render()).isEqualTo("(n + 1) * 4");
        assertThat(parse("n - (2 - 1)").render()).isEqualTo("n - (2 - 1)");
        assertThat(parse("n - 2 - 1").render()).isEqualTo("n - 2 - 1");
        assertThat(parse("ceil_div(n,4096)*16").render()).isEqualTo("ceil_div(n, 4096) * 16");
        assertThat(parse("-5").render()).isEqualTo("-5");
    }

    @Test
    void overflowIsAnErrorAtTheOperator() throws PlanException {
        Expr e = parse("n * n * n");
        assertThat(e.evaluate(1000)).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> e.evaluate(3_000_000))
                .isInstanceOf(PlanException.class)
                .hasMessage("k.cu:7:7: 64-bit overflow evaluating 'n * n * n' for n = 3000000");
        assertThatThrownBy(() -> eval("ceil_div(0 - 9223372036854775807 - 1, 1)", 0))
                .hasMessageContaining("64-bit overflow");
    }

    @Test
    void divisionByZeroNamesTheDivisor() throws PlanException {
        Expr e = parse("n / (n - 4)");
        assertThat(e.evaluate(6)).isEqualTo(3);
        assertThatThrownBy(() -> e.evaluate(4))
                .hasMessage("k.cu:7:6: division by zero in 'n / (n - 4)' for n = 4");
        assertThatThrownBy(() -> eval("ceil_div(n, n - 1)", 1))
                .hasMessage("k.cu:7:13: division by zero in 'ceil_div(n, n - 1)' for n = 1");
    }

    @Test
    void syntaxErrorsHaveExactColumns() {
        assertThatThrownBy(() -> parse("n + m"))
                .hasMessageStartingWith("k.cu:7:5: unknown name 'm' in an expression");
        assertThatThrownBy(() -> parse("ceil_div(n)"))
                .hasMessage("k.cu:7:11: expected ',' between the two arguments of ceil_div, found ')'");
        assertThatThrownBy(() -> parse("(n + 1"))
                .hasMessage("k.cu:7:7: expected ')' to close '(', found end of line");
        assertThatThrownBy(() -> parse("n + * 2"))
                .hasMessage("k.cu:7:5: expected an expression, found '*'");
        assertThatThrownBy(() -> parse("99999999999999999999"))
                .hasMessage("k.cu:7:1: '99999999999999999999' is not an integer that fits in 64 bits");
        assertThatThrownBy(() -> parse("n % 2"))
                .hasMessage("k.cu:7:3: unexpected character '%'");
    }
}
