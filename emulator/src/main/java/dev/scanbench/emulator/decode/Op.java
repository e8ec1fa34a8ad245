package dev.scanbench.emulator.decode;

/**
 * The opcode-semantics table: every operation the emulator executes, with the family whose executor runs it.
 * The {@link Decoder} maps PTX spellings (opcode + qualifier set) onto these.
 */
public enum Op {
    MOV(Family.INTEGER), MOV_SYMBOL(Family.INTEGER), PACK(Family.INTEGER), UNPACK(Family.INTEGER),
    ADD(Family.INTEGER), SUB(Family.INTEGER), MUL_LO(Family.INTEGER), MUL_HI(Family.INTEGER),
    MUL_WIDE(Family.INTEGER), MAD_LO(Family.INTEGER), MAD_HI(Family.INTEGER), MAD_WIDE(Family.INTEGER),
    DIV(Family.INTEGER), REM(Family.INTEGER), ABS(Family.INTEGER), NEG(Family.INTEGER), MIN(Family.INTEGER),
    MAX(Family.INTEGER), POPC(Family.INTEGER), CLZ(Family.INTEGER), BREV(Family.INTEGER), BFIND(Family.INTEGER),
    BFE(Family.INTEGER), BFI(Family.INTEGER), FNS(Family.INTEGER), AND(Family.INTEGER), OR(Family.INTEGER),
    XOR(Family.INTEGER), NOT(Family.INTEGER), CNOT(Family.INTEGER), SHL(Family.INTEGER), SHR(Family.INTEGER),
    PRMT(Family.INTEGER), LOP3(Family.INTEGER), SAD(Family.INTEGER), SHF(Family.INTEGER), SELP(Family.INTEGER), SETP(Family.INTEGER),
    PRED_AND(Family.INTEGER), PRED_OR(Family.INTEGER), PRED_XOR(Family.INTEGER), PRED_NOT(Family.INTEGER),
    PRED_MOV(Family.INTEGER),
    VIDEO(Family.INTEGER), MUL24(Family.INTEGER), MAD24(Family.INTEGER), CARRY(Family.INTEGER),
    MATCH(Family.COLLECTIVE), ELECT(Family.COLLECTIVE),
    FADD(Family.FLOAT), FSUB(Family.FLOAT), FMUL(Family.FLOAT), FFMA(Family.FLOAT), FDIV(Family.FLOAT),
    FABS(Family.FLOAT), FNEG(Family.FLOAT), FMIN(Family.FLOAT), FMAX(Family.FLOAT), FSQRT(Family.FLOAT),
    FRCP(Family.FLOAT), FSETP(Family.FLOAT), FSELP(Family.FLOAT),
    CVT(Family.CONVERT), CVTA(Family.CONVERT), CVTA_TO(Family.CONVERT), ISSPACEP(Family.CONVERT),
    LD(Family.MEMORY), ST(Family.MEMORY),
    ATOM(Family.ATOMIC), RED(Family.ATOMIC),
    BRA(Family.CONTROL), EXIT(Family.CONTROL), TRAP(Family.CONTROL), NANOSLEEP(Family.CONTROL),
    FENCE(Family.CONTROL), CLOCK(Family.CONTROL), VPRINTF(Family.CONTROL),
    SHFL(Family.COLLECTIVE), VOTE(Family.COLLECTIVE), REDUX(Family.COLLECTIVE), BAR_WARP(Family.COLLECTIVE),
    ACTIVEMASK(Family.COLLECTIVE),
    BAR_SYNC(Family.BARRIER), BAR_ARRIVE(Family.BARRIER), BAR_RED(Family.BARRIER),
    CP_ASYNC(Family.ASYNC), CP_ASYNC_COMMIT(Family.ASYNC), CP_ASYNC_WAIT(Family.ASYNC),
    CP_BULK(Family.ASYNC), CP_BULK_COMMIT(Family.ASYNC), CP_BULK_WAIT(Family.ASYNC),
    MBAR_INIT(Family.ASYNC), MBAR_ARRIVE(Family.ASYNC), MBAR_EXPECT_TX(Family.ASYNC), MBAR_WAIT(Family.ASYNC),
    MBAR_INVAL(Family.ASYNC);

    /** The executor family. */
    public final Family family;

    Op(Family family) {
        this.family = family;
    }
}
