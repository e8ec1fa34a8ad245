package dev.scanbench.emulator.decode;

/** Special registers that are constant for a thread; the warp fills them in when it is created. */
public enum Special {
    TID_X, TID_Y, TID_Z, NTID_X, NTID_Y, NTID_Z, CTAID_X, CTAID_Y, CTAID_Z, NCTAID_X, NCTAID_Y, NCTAID_Z,
    LANEID, WARPID, NWARPID, SMID, NSMID, GRIDID, LANEMASK_EQ, LANEMASK_LT, LANEMASK_LE, LANEMASK_GT,
    LANEMASK_GE, ENVREG, DYNAMIC_SMEM_SIZE, TOTAL_SMEM_SIZE, CLUSTER_CTARANK, CLUSTER_NCTARANK, ZERO;

    /** Maps a PTX special-register name to its kind, or null; {@code %envregN} maps to ENVREG. */
    public static Special of(String name) {
        if (name.startsWith("%envreg")) {
            return ENVREG;
        }
        return switch (name) {
            case "%tid.x" -> TID_X;
            case "%tid.y" -> TID_Y;
            case "%tid.z" -> TID_Z;
            case "%ntid.x" -> NTID_X;
            case "%ntid.y" -> NTID_Y;
            case "%ntid.z" -> NTID_Z;
            case "%ctaid.x", "%clusterid.x" -> CTAID_X;
            case "%ctaid.y", "%clusterid.y" -> CTAID_Y;
            case "%ctaid.z", "%clusterid.z" -> CTAID_Z;
            case "%nctaid.x", "%nclusterid.x" -> NCTAID_X;
            case "%nctaid.y", "%nclusterid.y" -> NCTAID_Y;
            case "%nctaid.z", "%nclusterid.z" -> NCTAID_Z;
            case "%laneid" -> LANEID;
            case "%warpid" -> WARPID;
            case "%nwarpid" -> NWARPID;
            case "%smid" -> SMID;
            case "%nsmid" -> NSMID;
            case "%gridid" -> GRIDID;
            case "%lanemask_eq" -> LANEMASK_EQ;
            case "%lanemask_lt" -> LANEMASK_LT;
            case "%lanemask_le" -> LANEMASK_LE;
            case "%lanemask_gt" -> LANEMASK_GT;
            case "%lanemask_ge" -> LANEMASK_GE;
            case "%dynamic_smem_size" -> DYNAMIC_SMEM_SIZE;
            case "%total_smem_size" -> TOTAL_SMEM_SIZE;
            case "%cluster_ctarank", "%cluster_ctaid.x", "%cluster_ctaid.y", "%cluster_ctaid.z" -> CLUSTER_CTARANK;
            case "%cluster_nctarank", "%cluster_nctaid.x", "%cluster_nctaid.y", "%cluster_nctaid.z"
                    -> CLUSTER_NCTARANK;
            case "%is_explicit_cluster" -> ZERO;
            default -> null;
        };
    }
}
