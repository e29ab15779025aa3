"""Skills and prerequisites, training sessions and attendance, the append-only skill history, role terms.

Revision ID: 0003_training
Revises: 0002_assemblies
Create Date: 2026-11-25 00:53:33.956999
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003_training'
down_revision = '0002_assemblies'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('safety_critical', sa.Boolean(), nullable=False),
    sa.Column('certified', sa.Boolean(), nullable=False),
    sa.Column('validity_months', sa.Integer(), nullable=True),
    sa.Column('minimum_qualified', sa.Integer(), nullable=False),
    sa.Column('qualifying_level', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('certified OR validity_months IS NULL', name=op.f('ck_skills_validity_needs_certified')),
    sa.CheckConstraint('minimum_qualified >= 0', name=op.f('ck_skills_minimum_qualified')),
    sa.CheckConstraint('qualifying_level BETWEEN 1 AND 4', name=op.f('ck_skills_qualifying_level')),
    sa.CheckConstraint('validity_months IS NULL OR validity_months > 0', name=op.f('ck_skills_validity_months')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skills')),
    sa.UniqueConstraint('code', name=op.f('uq_skills_code'))
    )
    with op.batch_alter_table('skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skills_category'), ['category'], unique=False)

    op.create_table('skill_prerequisites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('requires_id', sa.Integer(), nullable=False),
    sa.Column('min_level', sa.Integer(), nullable=False),
    sa.CheckConstraint('min_level BETWEEN 1 AND 4', name=op.f('ck_skill_prerequisites_min_level')),
    sa.CheckConstraint('skill_id <> requires_id', name=op.f('ck_skill_prerequisites_not_itself')),
    sa.ForeignKeyConstraint(['requires_id'], ['skills.id'], name=op.f('fk_skill_prerequisites_requires_id_skills')),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_skill_prerequisites_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_prerequisites')),
    sa.UniqueConstraint('skill_id', 'requires_id', name=op.f('uq_skill_prerequisites_skill_id_requires_id'))
    )
    with op.batch_alter_table('skill_prerequisites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skill_prerequisites_skill_id'), ['skill_id'], unique=False)

    op.create_table('training_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=True),
    sa.Column('outside_trainer', sa.String(length=200), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('hours', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('kind', sa.Enum('theory', 'practice', 'shadowing', 'exam', name='sessionkind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('planned', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('logged_at', sa.DateTime(), nullable=False),
    sa.Column('logged_by', sa.String(length=200), nullable=False),
    sa.CheckConstraint('(trainer_id IS NOT NULL AND outside_trainer IS NULL) OR (trainer_id IS NULL AND outside_trainer IS NOT NULL)', name=op.f('ck_training_sessions_one_trainer')),
    sa.CheckConstraint('hours > 0', name=op.f('ck_training_sessions_hours_positive')),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_training_sessions_skill_id_skills')),
    sa.ForeignKeyConstraint(['trainer_id'], ['members.id'], name=op.f('fk_training_sessions_trainer_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_sessions_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_skill_id'), ['skill_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_trainer_id'), ['trainer_id'], unique=False)

    op.create_table('skill_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('assessor_id', sa.Integer(), nullable=True),
    sa.Column('outside_assessor', sa.String(length=200), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.CheckConstraint('assessor_id IS NULL OR outside_assessor IS NULL', name=op.f('ck_skill_assessments_one_assessor')),
    sa.CheckConstraint('expires_on IS NULL OR expires_on > assessed_on', name=op.f('ck_skill_assessments_expires_after')),
    sa.CheckConstraint('level BETWEEN 0 AND 4', name=op.f('ck_skill_assessments_level')),
    sa.ForeignKeyConstraint(['assessor_id'], ['members.id'], name=op.f('fk_skill_assessments_assessor_id_members')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_skill_assessments_member_id_members')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_skill_assessments_session_id_training_sessions')),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_skill_assessments_skill_id_skills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_assessments'))
    )
    with op.batch_alter_table('skill_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skill_assessments_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_skill_assessments_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_skill_assessments_skill_id'), ['skill_id'], unique=False)

    op.create_table('training_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('hours', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('assessed_level', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('assessed_level IS NULL OR assessed_level BETWEEN 0 AND 4', name=op.f('ck_training_attendance_assessed_level')),
    sa.CheckConstraint('hours IS NULL OR hours >= 0', name=op.f('ck_training_attendance_hours_not_negative')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_training_attendance_member_id_members')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_training_attendance_session_id_training_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendance')),
    sa.UniqueConstraint('session_id', 'member_id', name=op.f('uq_training_attendance_session_id_member_id'))
    )
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendance_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendance_session_id'), ['session_id'], unique=False)

    op.create_table('role_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('coordinator', 'section_coordinator', 'president', 'secretary', 'treasurer', 'auditor', name='termrole', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('section', sa.String(length=100), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('motion_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_role_terms_ends_after_start')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_role_terms_member_id_members')),
    sa.ForeignKeyConstraint(['motion_id'], ['motions.id'], name=op.f('fk_role_terms_motion_id_motions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_terms'))
    )
    with op.batch_alter_table('role_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_terms_member_id'), ['member_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('role_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_role_terms_member_id'))

    op.drop_table('role_terms')
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendance_session_id'))
        batch_op.drop_index(batch_op.f('ix_training_attendance_member_id'))

    op.drop_table('training_attendance')
    with op.batch_alter_table('skill_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skill_assessments_skill_id'))
        batch_op.drop_index(batch_op.f('ix_skill_assessments_session_id'))
        batch_op.drop_index(batch_op.f('ix_skill_assessments_member_id'))

    op.drop_table('skill_assessments')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_sessions_trainer_id'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_skill_id'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_held_on'))

    op.drop_table('training_sessions')
    with op.batch_alter_table('skill_prerequisites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skill_prerequisites_skill_id'))

    op.drop_table('skill_prerequisites')
    with op.batch_alter_table('skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skills_category'))

    op.drop_table('skills')
